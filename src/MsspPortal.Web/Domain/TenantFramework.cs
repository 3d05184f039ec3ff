namespace MsspPortal.Web.Domain;

// A compliance framework that applies to a tenant (PCI DSS for the bank, GDPR for the SaaS company), from a date, with a
// note of what is in scope. FrameworkId is the catalog's id ("pci-dss-4.0.1"); the framework itself ships as data.
public sealed class TenantFramework : ITenantOwned
{
    public const int MaxScopeNoteLength = 1000;

    private TenantFramework()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public DateOnly AppliesSince { get; private set; }

    public string ScopeNote { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public static TenantFramework Apply(Guid tenantId, string frameworkId, DateOnly appliesSince, string scopeNote, string? by, DateTimeOffset at) => new()
    {
        TenantId = tenantId, FrameworkId = frameworkId, AppliesSince = appliesSince, ScopeNote = scopeNote.Trim(), UpdatedBy = by, UpdatedAt = at,
    };

    public void Change(DateOnly appliesSince, string scopeNote, string? by, DateTimeOffset at) =>
        (AppliesSince, ScopeNote, UpdatedBy, UpdatedAt) = (appliesSince, scopeNote.Trim(), by, at);
}

public enum ComplianceStatus
{
    Met,
    PartlyMet,
    NotMet,
    NotAssessed,
    NotApplicable,
}

// How a control's evidence is gathered: by the portal from its own records, partly, or by people.
public enum ControlAutomation
{
    Automated,
    Partial,
    Manual,
}
