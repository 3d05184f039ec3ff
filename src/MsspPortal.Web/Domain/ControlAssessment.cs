namespace MsspPortal.Web.Domain;

// A tenant's settings for one control of one framework: who owns it, when it is next reviewed, and whether it applies.
// Whether its evidence is automated is the portal's mapping (ComplianceEvaluators), not a setting: a person cannot
// declare a control automated that the portal has no records for.
public sealed class ControlAssessment : ITenantOwned
{
    public const int MaxOwnerLength = 200;
    public const int MaxReasonLength = 1000;

    private ControlAssessment()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public string ControlId { get; private set; } = "";

    // A person's name or a portal user's e-mail: who answers for the control.
    public string? Owner { get; private set; }

    public DateOnly? ReviewDue { get; private set; }

    // Set when the control does not apply to the tenant, with why (the check then reports Not applicable).
    public string? NotApplicableReason { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public static ControlAssessment For(Guid tenantId, string frameworkId, string controlId) =>
        new() { TenantId = tenantId, FrameworkId = frameworkId, ControlId = controlId };

    public void Change(string? owner, DateOnly? reviewDue, string? notApplicableReason, string? by, DateTimeOffset at) =>
        (Owner, ReviewDue, NotApplicableReason, UpdatedBy, UpdatedAt) =
            (Blank(owner), reviewDue, Blank(notApplicableReason), by, at);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
