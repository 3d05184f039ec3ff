namespace MsspPortal.Web.Domain;

// A rule of one tenant, stored as Sigma YAML whether it was imported or made with the form, so there is one format
// to read, test and export. The author is kept because Sigma's DRL requires showing it with alerts.
public sealed class TenantRule : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    // The rule's id inside the engine and in alert keys; unique per tenant.
    public string RuleId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public TenantRuleOrigin Origin { get; set; }

    public string SigmaYaml { get; set; } = "";

    // The form's fields as JSON, for rules made with the form (so they can be edited in it).
    public string? FormJson { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum TenantRuleOrigin
{
    Form,
    SigmaImport,
}
