namespace MsspPortal.Web.Domain;

// A period when the tenant's services in scope matter more: a sales promotion, month-end closing. Detection scores
// with it through Core's WeightedPeriod.
public sealed class ProtectionWindow : ITenantOwned
{
    private ProtectionWindow()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    // Business services in scope, comma-separated; empty means all of the tenant's services.
    public string Services { get; private set; } = "";

    // The score multiplier while the window is open (docs/scoring.md).
    public double Weight { get; private set; } = 1.2;

    public DateTimeOffset UpdatedAt { get; private set; }

    // The review after the window: what happened and its business effect ("an attack cut conversion by 3% for 5
    // minutes"), recorded by the committee.
    public string? Review { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    // When a phase runs: a month before the start, the week before it, the window itself, two weeks after it.
    public (DateTimeOffset From, DateTimeOffset To) PhaseSpan(ProtectionPhase phase) => phase switch
    {
        ProtectionPhase.MonthBefore => (StartsAt.AddMonths(-1), StartsAt.AddDays(-7)),
        ProtectionPhase.WeekBefore => (StartsAt.AddDays(-7), StartsAt),
        ProtectionPhase.During => (StartsAt, EndsAt),
        _ => (EndsAt, EndsAt.AddDays(14)),
    };

    public void RecordReview(string review, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(review);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (at < EndsAt)
        {
            throw new InvalidOperationException("A protection window is reviewed after it ends.");
        }
        (Review, ReviewedAt, ReviewedBy, UpdatedAt) = (review.Trim(), at, by, at);
    }

    public static ProtectionWindow Open(Guid tenantId, string name, DateTimeOffset startsAt, DateTimeOffset endsAt, IEnumerable<string> services,
        double weight, DateTimeOffset at)
    {
        var window = new ProtectionWindow { TenantId = tenantId };
        window.Change(name, startsAt, endsAt, services, weight, at);
        return window;
    }

    // A window ends after it starts and raises scores (a weight of at least 1); service names are trimmed.
    public void Change(string name, DateTimeOffset startsAt, DateTimeOffset endsAt, IEnumerable<string> services, double weight, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A protection window ends after it starts.", nameof(endsAt));
        }
        if (!(weight >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A protection window raises scores: its weight is at least 1.");
        }
        Name = name.Trim();
        (StartsAt, EndsAt) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime());
        Services = string.Join(',', services.Select(s => s.Trim()).Where(s => s.Length > 0));
        (Weight, UpdatedAt) = (weight, at);
    }
}

// The four phases of a protection window, each with its checklist of action items.
public enum ProtectionPhase
{
    // Security assessment of the architecture and capacity, last year's attack patterns, a tailored plan.
    MonthBefore,

    // Stress test and emergency drill, then tuned thresholds.
    WeekBefore,

    // Joint live watch, raised weight in risk scoring.
    During,

    // Review of what happened and its business effect.
    After,
}
