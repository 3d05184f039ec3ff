namespace MsspPortal.Web.Domain;

public sealed class AttackTechniqueEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    // Tactic ids, comma-separated.
    public string TacticIds { get; set; } = "";
}
