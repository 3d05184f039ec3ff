namespace MsspPortal.Web.Domain;

// One framework's monthly check of one tenant, frozen when it is made: its results are never changed afterwards (a
// second run for the same month finds it and stops). Each result keeps the previous month's status, so the diff is
// frozen too.
public sealed class ComplianceCheck : ITenantOwned
{
    private readonly List<ComplianceCheckResult> _results = [];

    private ComplianceCheck()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public string FrameworkVersion { get; private set; } = "";

    // The first day of the month checked, in the tenant's calendar.
    public DateOnly Month { get; private set; }

    public DateTimeOffset FrozenAt { get; private set; }

    public long? PreviousCheckId { get; private set; }

    public int Met { get; private set; }

    public int PartlyMet { get; private set; }

    public int NotMet { get; private set; }

    public int NotAssessed { get; private set; }

    public int NotApplicable { get; private set; }

    public IReadOnlyList<ComplianceCheckResult> Results => _results;

    public static ComplianceCheck Freeze(Guid tenantId, string frameworkId, string frameworkVersion, DateOnly month, DateTimeOffset at,
        ComplianceCheck? previous, IEnumerable<ComplianceFinding> findings)
    {
        var before = previous?.Results.ToDictionary(r => r.ControlId, r => r.Status, StringComparer.OrdinalIgnoreCase);
        var check = new ComplianceCheck
        {
            TenantId = tenantId, FrameworkId = frameworkId, FrameworkVersion = frameworkVersion, Month = month, FrozenAt = at, PreviousCheckId = previous?.Id,
        };
        foreach (var f in findings)
        {
            ComplianceStatus? was = before is not null && before.TryGetValue(f.ControlId, out var s) ? s : null;
            check._results.Add(new ComplianceCheckResult(tenantId, f, was));
        }
        check.Met = check._results.Count(r => r.Status == ComplianceStatus.Met);
        check.PartlyMet = check._results.Count(r => r.Status == ComplianceStatus.PartlyMet);
        check.NotMet = check._results.Count(r => r.Status == ComplianceStatus.NotMet);
        check.NotAssessed = check._results.Count(r => r.Status == ComplianceStatus.NotAssessed);
        check.NotApplicable = check._results.Count(r => r.Status == ComplianceStatus.NotApplicable);
        return check;
    }
}

// What the evaluation says about one control, before it is frozen.
public sealed record ComplianceFinding(string ControlId, ComplianceStatus Status, string Reason, ControlAutomation Automation, string EvidenceSummary);

public sealed class ComplianceCheckResult : ITenantOwned
{
    public const int MaxReasonLength = 1000;

    private ComplianceCheckResult()
    {
    }

    internal ComplianceCheckResult(Guid tenantId, ComplianceFinding finding, ComplianceStatus? previousStatus)
    {
        TenantId = tenantId;
        ControlId = finding.ControlId;
        Status = finding.Status;
        Reason = finding.Reason.Length > MaxReasonLength ? finding.Reason[..MaxReasonLength] : finding.Reason;
        Automation = finding.Automation;
        EvidenceSummary = finding.EvidenceSummary.Length > MaxReasonLength ? finding.EvidenceSummary[..MaxReasonLength] : finding.EvidenceSummary;
        PreviousStatus = previousStatus;
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CheckId { get; private set; }

    public string ControlId { get; private set; } = "";

    public ComplianceStatus Status { get; private set; }

    public string Reason { get; private set; } = "";

    public ControlAutomation Automation { get; private set; }

    public string EvidenceSummary { get; private set; } = "";

    // The status in the previous month's check; null when there was none or the control was not in it.
    public ComplianceStatus? PreviousStatus { get; private set; }

    public bool Changed => PreviousStatus is { } before && before != Status;
}
