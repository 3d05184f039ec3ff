namespace MsspPortal.Web.Domain;

public enum ManualEvidenceKind
{
    Upload,
    Attestation,
}

// Evidence a person supplies for a control: an uploaded file (size-limited, kept in the database so the evidence pack
// carries it) or a written attestation, with its owner and the date it must be reviewed by. Past that date it no
// longer counts: the control falls back to Not assessed.
public sealed class ManualEvidence : ITenantOwned
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;

    private ManualEvidence()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public string ControlId { get; private set; } = "";

    public ManualEvidenceKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    public byte[]? Content { get; private set; }

    public long SizeBytes { get; private set; }

    public string? AttestationText { get; private set; }

    public string Owner { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }

    public string? AddedBy { get; private set; }

    public DateOnly ReviewDue { get; private set; }

    public static ManualEvidence Attest(Guid tenantId, string frameworkId, string controlId, string title, string text, string owner,
        DateOnly reviewDue, string? by, DateTimeOffset at) => new()
    {
        TenantId = tenantId, FrameworkId = frameworkId, ControlId = controlId, Kind = ManualEvidenceKind.Attestation, Title = title.Trim(),
        AttestationText = text.Trim(), Owner = owner.Trim(), ReviewDue = reviewDue, AddedBy = by, AddedAt = at,
    };

    public static ManualEvidence Upload(Guid tenantId, string frameworkId, string controlId, string title, string fileName, string contentType,
        byte[] content, string owner, DateOnly reviewDue, string? by, DateTimeOffset at)
    {
        if (content.Length is 0 or > MaxBytes)
        {
            throw new ArgumentException($"An evidence file holds 1 byte to {MaxBytes / (1024 * 1024)} MB.", nameof(content));
        }
        return new()
        {
            TenantId = tenantId, FrameworkId = frameworkId, ControlId = controlId, Kind = ManualEvidenceKind.Upload, Title = title.Trim(),
            FileName = Path.GetFileName(fileName), ContentType = contentType, Content = content, SizeBytes = content.Length, Owner = owner.Trim(),
            ReviewDue = reviewDue, AddedBy = by, AddedAt = at,
        };
    }

    // Current on a day when it was added by then and its review date has not passed.
    public bool IsCurrentOn(DateOnly day, DateTimeOffset dayEndsAt) => AddedAt < dayEndsAt && ReviewDue >= day;
}
