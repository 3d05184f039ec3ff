namespace MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;

// What an evidence pack is made of, gathered by the compliance feature from its frozen check and the tenant's evidence;
// EvidencePackWriter turns it into one ZIP (PDF index, CSV/JSON evidence, OSCAL assessment results).
public sealed record EvidencePackRequest(
    string TenantName,
    string TenantSlug,
    string FrameworkId,
    string FrameworkTitle,
    string FrameworkVersion,
    string FrameworkSource,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    IReadOnlyList<ControlFinding> Controls,
    IReadOnlyList<EvidenceFile> Files);

public enum ControlStatus
{
    Met,
    PartlyMet,
    NotMet,
    NotAssessed,
    NotApplicable,
}

// How a control's evidence is gathered: by the portal from its own records, partly, or by people (uploads, attestations).
public enum EvidenceAutomation
{
    Automated,
    Partial,
    Manual,
}

// One control's result for the period, with the reason in words and the evidence files (names in Files) behind it.
public sealed record ControlFinding(
    string ControlId,
    string Label,
    ControlStatus Status,
    string Reason,
    EvidenceAutomation Automation,
    string? Owner,
    DateOnly? ReviewDue,
    IReadOnlyList<string> EvidenceFileNames);

// One evidence file of the pack, written by the caller straight into the ZIP entry (so a large CSV never sits in
// memory): an export of portal records, or an uploaded file's bytes. FileName is relative, e.g. "evidence/rules.csv".
public sealed record EvidenceFile(string FileName, string Description, Func<Stream, CancellationToken, Task> WriteAsync);
