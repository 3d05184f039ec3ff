using System.Security.Cryptography;
using System.Text;

namespace MsspPortal.Web.Domain;

// The monthly value report of one tenant: a snapshot of every figure of the month (the value model's figures as JSON,
// with the assumptions they used), built as a draft, published by the MSSP, then acknowledged or disputed by the
// business owner. A draft may be rebuilt (the job re-runs, data was corrected); once published the snapshot never
// changes, whatever happens to the records later: what the customer was shown is what the report keeps saying.
public sealed class ValueReport : ITenantOwned
{
    public const int MaxCommentLength = 2000;

    private readonly List<ValueReportDispute> _disputes = [];

    private ValueReport()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    // First day of the month in the tenant's calendar.
    public DateOnly Month { get; private set; }

    public ValueReportStatus Status { get; private set; }

    public DateTimeOffset BuiltAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    // The figures as JSON; the hash (SHA-256, hex) lets anyone check a printed or downloaded copy against it.
    public string Snapshot { get; private set; } = "";

    public string ContentHash { get; private set; } = "";

    public int AssumptionVersion { get; private set; }

    public IReadOnlyList<ValueReportDispute> Disputes => _disputes;

    public bool IsPublished => Status != ValueReportStatus.Draft;

    public static ValueReport Draft(Guid tenantId, DateOnly month, string snapshot, int assumptionVersion, DateTimeOffset at)
    {
        var report = new ValueReport { TenantId = tenantId, Month = new DateOnly(month.Year, month.Month, 1), Status = ValueReportStatus.Draft };
        report.Rebuild(snapshot, assumptionVersion, at);
        return report;
    }

    // Replaces a draft's figures; returns true when they changed (the same data gives the same snapshot and hash).
    public bool Rebuild(string snapshot, int assumptionVersion, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        if (IsPublished)
        {
            throw new InvalidOperationException($"The report of {Month:yyyy-MM} is published: its figures no longer change.");
        }
        var hash = Hash(snapshot);
        var changed = hash != ContentHash || assumptionVersion != AssumptionVersion;
        (Snapshot, ContentHash, AssumptionVersion, BuiltAt) = (snapshot, hash, assumptionVersion, at);
        return changed;
    }

    public void Publish(string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Status != ValueReportStatus.Draft)
        {
            throw new InvalidOperationException($"The report of {Month:yyyy-MM} is already published.");
        }
        (Status, PublishedBy, PublishedAt) = (ValueReportStatus.Published, userId, at);
    }

    public void Acknowledge(string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Status != ValueReportStatus.Published)
        {
            throw new InvalidOperationException($"Only a published report waiting for its acknowledgement can be acknowledged (this one is {Status}).");
        }
        (Status, AcknowledgedBy, AcknowledgedAt) = (ValueReportStatus.Acknowledged, userId, at);
    }

    // A business owner questions one figure; the committee reads the disputes. Several figures may be disputed.
    public ValueReportDispute Dispute(string figureKey, string comment, string userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(figureKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(comment);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Status is not (ValueReportStatus.Published or ValueReportStatus.Disputed))
        {
            throw new InvalidOperationException($"Only a published report can be disputed (this one is {Status}).");
        }
        var dispute = new ValueReportDispute(this, figureKey.Trim(), comment.Trim(), userId, at);
        _disputes.Add(dispute);
        Status = ValueReportStatus.Disputed;
        return dispute;
    }

    public static string Hash(string snapshot) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)));
}

public enum ValueReportStatus
{
    Draft,
    Published,
    Acknowledged,
    Disputed,
}

// One figure of a published report that the business owner does not accept, with their reason. Kept per tenant so
// the joint committee can list what is open.
public sealed class ValueReportDispute : ITenantOwned
{
    public const int MaxFigureKeyLength = 100;

    private ValueReportDispute()
    {
    }

    internal ValueReportDispute(ValueReport report, string figureKey, string comment, string by, DateTimeOffset at)
    {
        if (figureKey.Length > MaxFigureKeyLength || comment.Length > ValueReport.MaxCommentLength)
        {
            throw new ArgumentException("The figure key or the comment is too long.", nameof(comment));
        }
        (TenantId, Report, FigureKey, Comment, By, At) = (report.TenantId, report, figureKey, comment, by, at);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long ValueReportId { get; private set; }

    public ValueReport? Report { get; private set; }

    public string FigureKey { get; private set; } = "";

    public string Comment { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}
