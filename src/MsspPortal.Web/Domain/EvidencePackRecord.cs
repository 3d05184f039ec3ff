namespace MsspPortal.Web.Domain;

// One evidence pack as downloaded: which framework and audit period, when and by whom, how many controls and how many
// of them the portal evidenced from its own records. The value model reads it to estimate audit days saved in a month
// whose audit days the tenant did not report.
public sealed class EvidencePackRecord : ITenantOwned
{
    private EvidencePackRecord()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string FrameworkId { get; private set; } = "";

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public DateTimeOffset GeneratedAt { get; private set; }

    public string? GeneratedBy { get; private set; }

    public int Controls { get; private set; }

    // Controls whose evidence is automated (by the portal's mapping) and whose status the records decided.
    public int AutomatedControls { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; } = "";

    public static EvidencePackRecord Generated(Guid tenantId, string frameworkId, DateOnly periodStart, DateOnly periodEnd, DateTimeOffset at, string? by,
        int controls, int automatedControls, long sizeBytes, string sha256) => new()
    {
        TenantId = tenantId, FrameworkId = frameworkId, PeriodStart = periodStart, PeriodEnd = periodEnd, GeneratedAt = at, GeneratedBy = by,
        Controls = controls, AutomatedControls = automatedControls, SizeBytes = sizeBytes, Sha256 = sha256,
    };

    // The share of controls evidenced automatically, 0 when the pack had none.
    public decimal AutomatedShare => Controls == 0 ? 0 : (decimal)AutomatedControls / Controls;
}
