namespace MsspPortal.Web.Domain;

// A rule of one tenant, stored as Sigma YAML whether it was imported or made with the form, so there is one format
// to read, test and export. The author is kept because Sigma's DRL requires showing it with alerts.
public sealed class TenantRule : ITenantOwned
{
    private TenantRule()
    {
    }

    public static TenantRule Add(Guid tenantId, string ruleId, string author, TenantRuleOrigin origin, string title, string sigmaYaml,
        string? formJson, DateTimeOffset at) => new()
    {
        TenantId = tenantId,
        RuleId = ruleId,
        Author = author,
        Origin = origin,
        Title = title,
        SigmaYaml = sigmaYaml,
        FormJson = formJson,
        Enabled = true,
        CreatedAt = at,
        UpdatedAt = at,
    };

    // Only a rule made with the form is edited again; an imported rule is replaced by importing it again.
    public void Revise(string title, string sigmaYaml, string formJson, DateTimeOffset at)
    {
        if (FormJson is null)
        {
            throw new InvalidOperationException($"Rule {RuleId} was imported as Sigma; it has no form to edit.");
        }
        (Title, SigmaYaml, FormJson, UpdatedAt) = (title, sigmaYaml, formJson, at);
    }

    public void Toggle(bool enabled, DateTimeOffset at) => (Enabled, UpdatedAt) = (enabled, at);

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    // The rule's id inside the engine and in alert keys; unique per tenant.
    public string RuleId { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Author { get; private set; } = "";

    public TenantRuleOrigin Origin { get; private set; }

    public string SigmaYaml { get; private set; } = "";

    // The form's fields as JSON, for rules made with the form (so they can be edited in it).
    public string? FormJson { get; private set; }

    public bool Enabled { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
}

public enum TenantRuleOrigin
{
    Form,
    SigmaImport,
}
