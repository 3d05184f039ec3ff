namespace MsspPortal.Web.Domain;

// An incident that compromised personal data: one row of the tenant's breach register (GDPR Art. 33(5) asks the
// controller to document every breach, notified or not). The MSSP is usually the processor: it detects, tells the
// tenant (TenantNotifiedAt), and the tenant as controller becomes aware (TenantAwareAt), which is what GDPR's 72 hours
// run from. The facts below are Art. 33(3)'s contents of a notification; the clocks are worked out from these instants.
public sealed class PersonalDataBreach : ITenantOwned
{
    public const int MaxTextLength = 2000;

    private readonly List<BreachNotification> _notifications = [];

    private PersonalDataBreach()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long IncidentId { get; private set; }

    public DateTimeOffset DetectedAt { get; private set; }

    public DateTimeOffset FlaggedAt { get; private set; }

    public string? FlaggedBy { get; private set; }

    public DateTimeOffset? TenantNotifiedAt { get; private set; }

    public DateTimeOffset? TenantAwareAt { get; private set; }

    public string Nature { get; private set; } = "";

    public string DataCategories { get; private set; } = "";

    public int? ApproximateDataSubjects { get; private set; }

    public int? ApproximateRecords { get; private set; }

    public string LikelyConsequences { get; private set; } = "";

    public string MeasuresTaken { get; private set; } = "";

    public BreachRegimes Regimes { get; private set; }

    // China: an operator of critical information infrastructure reports within 1 hour instead of 4.
    public bool CriticalInformationInfrastructure { get; private set; }

    public int? CaliforniaResidents { get; private set; }

    public IReadOnlyList<BreachNotification> Notifications => _notifications;

    public static PersonalDataBreach Flag(Incident incident, BreachFacts facts, DateTimeOffset detectedAt, string? userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(facts);
        var breach = new PersonalDataBreach { TenantId = incident.TenantId, IncidentId = incident.Id, DetectedAt = detectedAt, FlaggedAt = at, FlaggedBy = userId };
        breach.Describe(facts);
        return breach;
    }

    public void Describe(BreachFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        (Nature, DataCategories, ApproximateDataSubjects, ApproximateRecords, LikelyConsequences, MeasuresTaken) =
            (facts.Nature.Trim(), facts.DataCategories.Trim(), facts.ApproximateDataSubjects, facts.ApproximateRecords, facts.LikelyConsequences.Trim(), facts.MeasuresTaken.Trim());
        (Regimes, CriticalInformationInfrastructure, CaliforniaResidents) =
            (facts.Regimes, facts.Regimes.HasFlag(BreachRegimes.ChinaCac) && facts.CriticalInformationInfrastructure,
             facts.Regimes.HasFlag(BreachRegimes.California) ? facts.CaliforniaResidents : null);
    }

    // The processor told the controller. It cannot precede detection; recording it again corrects the instant.
    public void TenantNotified(DateTimeOffset at)
    {
        if (at < DetectedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "The tenant cannot be told before the breach was detected.");
        }
        TenantNotifiedAt = at;
    }

    public void TenantAware(DateTimeOffset at)
    {
        if (at < DetectedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "The tenant cannot become aware before the breach was detected.");
        }
        TenantAwareAt = at;
    }

    public BreachNotification RecordNotification(BreachRecipient recipient, string notifiedWhom, DateTimeOffset at, string? reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notifiedWhom);
        if (Id == 0)
        {
            throw new InvalidOperationException("A notification belongs to a saved breach.");
        }
        if (at < DetectedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "A notification cannot precede detection.");
        }
        var notification = new BreachNotification(this, recipient, notifiedWhom.Trim(), at, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim());
        _notifications.Add(notification);
        return notification;
    }
}

// What a notification under Art. 33(3) says: nature, categories and approximate numbers, likely consequences, measures.
public sealed record BreachFacts(
    string Nature, string DataCategories, int? ApproximateDataSubjects, int? ApproximateRecords, string LikelyConsequences, string MeasuresTaken,
    BreachRegimes Regimes, bool CriticalInformationInfrastructure, int? CaliforniaResidents);

[Flags]
public enum BreachRegimes
{
    None = 0,
    Gdpr = 1,
    California = 2,
    ChinaCac = 4,
}

// Who a regime wants told; each has its own clock.
public enum BreachRecipient
{
    SupervisoryAuthority = 1,
    CaliforniaResidents = 2,
    CaliforniaAttorneyGeneral = 3,
    ChinaCac = 4,
}

// One notification made: to whom, when, and the authority's or mailing's reference.
public sealed class BreachNotification : ITenantOwned
{
    public const int MaxWhomLength = 300;

    private BreachNotification()
    {
    }

    internal BreachNotification(PersonalDataBreach breach, BreachRecipient recipient, string notifiedWhom, DateTimeOffset at, string? reference)
    {
        if (notifiedWhom.Length > MaxWhomLength || reference is { Length: > MaxWhomLength })
        {
            throw new ArgumentException($"Whom and reference hold at most {MaxWhomLength} characters.", nameof(notifiedWhom));
        }
        (TenantId, BreachId, Recipient, NotifiedWhom, At, Reference) = (breach.TenantId, breach.Id, recipient, notifiedWhom, at, reference);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long BreachId { get; private set; }

    public BreachRecipient Recipient { get; private set; }

    public string NotifiedWhom { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string? Reference { get; private set; }
}
