namespace MsspPortal.Web.Domain;

// What the nightly retention job deletes, per tenant. Everything else a tenant holds (incidents and their history,
// value reports, committee records, the breach register) is kept for the contract's life: see RetentionKinds.Kept.
public enum RetentionKind
{
    // Stored batches with their chunks and quarantined lines, by the time the batch was received.
    RawLogs,

    // Normalised events, by the event's own time (the index the event search uses).
    SecurityEvents,

    // Resolved alerts not linked to an incident, with their history, comments and event links, by detection time.
    Alerts,

    // The tenant's audit log, by the time of the entry.
    AuditLog,
}

// A tenant's retention of one kind of data. Without a row the kind keeps RetentionKinds.DefaultMonths.
public sealed class RetentionPolicy : ITenantOwned
{
    private RetentionPolicy()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public RetentionKind Kind { get; private set; }

    public int Months { get; private set; }

    // Why a setting below a framework floor was accepted; required for one (RetentionFloors.Below), kept otherwise.
    public string? Justification { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public static RetentionPolicy For(Guid tenantId, RetentionKind kind) => new() { TenantId = tenantId, Kind = kind, Months = RetentionKinds.DefaultMonths(kind) };

    public void Change(int months, string? justification, string by, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, RetentionKinds.MinMonths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, RetentionKinds.MaxMonths);
        (Months, Justification, UpdatedAt, UpdatedBy) = (months, string.IsNullOrWhiteSpace(justification) ? null : justification.Trim(), at, by);
    }
}

// Which frameworks' floors apply to a tenant's retention. Until the compliance frameworks a tenant is in scope of are
// recorded elsewhere, the retention page asks for them itself. Without a row no floor applies.
public sealed class RetentionScope : ITenantOwned
{
    private RetentionScope()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public bool PciDss { get; private set; }

    public bool ChinaCsl { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public static RetentionScope For(Guid tenantId) => new() { TenantId = tenantId };

    public void Change(bool pciDss, bool chinaCsl, string by, DateTimeOffset at) => (PciDss, ChinaCsl, UpdatedAt, UpdatedBy) = (pciDss, chinaCsl, at, by);
}

public static class RetentionKinds
{
    public const int MinMonths = 1;

    public const int MaxMonths = 120;

    public static IReadOnlyList<RetentionKind> All { get; } = Enum.GetValues<RetentionKind>();

    // Defaults meet both floors below, so a tenant that sets nothing is never under one.
    public static int DefaultMonths(RetentionKind kind) => kind switch
    {
        RetentionKind.RawLogs => 12,
        RetentionKind.SecurityEvents => 12,
        RetentionKind.Alerts => 24,
        RetentionKind.AuditLog => 36,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(RetentionKind kind) => kind switch
    {
        RetentionKind.RawLogs => "Raw log batches and quarantined lines",
        RetentionKind.SecurityEvents => "Security events",
        RetentionKind.Alerts => "Alerts (resolved, not in an incident) with their history",
        RetentionKind.AuditLog => "Audit log",
        _ => kind.ToString(),
    };

    // Never deleted by retention, whatever is set: shown on the page, not editable.
    public static IReadOnlyList<(string What, string Why)> Kept { get; } =
    [
        ("Incidents, their history and tasks, and the alerts linked to them", "the record of business impact the value reports and the committee rest on"),
        ("Value reports (drafts and published) and their disputes", "kept for the contract's life"),
        ("Committee records: meetings, decisions, retrospectives, emergency activations (and the alerts they were opened from), action items",
            "kept for the contract's life"),
        ("Personal-data breach register", "GDPR Art. 33(5) documentation"),
    ];
}

public sealed record RetentionFloor(string Framework, string Source, int Months, IReadOnlyList<RetentionKind> Kinds, string Why);

public static class RetentionFloors
{
    public static RetentionFloor PciDss { get; } = new("PCI DSS", "PCI DSS v4.0.1 Requirement 10.5.1", 12,
        [RetentionKind.RawLogs, RetentionKind.SecurityEvents, RetentionKind.AuditLog],
        "audit log history is retained for at least 12 months, with at least the most recent three months immediately available for analysis");

    public static RetentionFloor ChinaCsl { get; } = new("China CSL", "Cybersecurity Law of the PRC, Article 21(3)", 6,
        [RetentionKind.RawLogs, RetentionKind.SecurityEvents],
        "network operators keep the relevant network logs for no less than six months");

    public static IEnumerable<RetentionFloor> Applying(bool pciDss, bool chinaCsl) =>
        new[] { (pciDss, PciDss), (chinaCsl, ChinaCsl) }.Where(f => f.Item1).Select(f => f.Item2);

    // The highest floor that applies to a kind, or null.
    public static RetentionFloor? For(RetentionKind kind, bool pciDss, bool chinaCsl) =>
        Applying(pciDss, chinaCsl).Where(f => f.Kinds.Contains(kind)).MaxBy(f => f.Months);
}
