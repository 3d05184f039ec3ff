namespace MsspPortal.Web.Domain;

public sealed class AttackTechniqueEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Tactic ids, comma-separated.</summary>
    public string TacticIds { get; set; } = "";
}
