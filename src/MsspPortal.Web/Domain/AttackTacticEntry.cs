namespace MsspPortal.Web.Domain;

// An ATT&amp;CK tactic of the imported catalogue (global: MITRE's matrix is the same for everyone).
public sealed class AttackTacticEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ShortName { get; set; } = "";

    public int MatrixOrder { get; set; }
}
