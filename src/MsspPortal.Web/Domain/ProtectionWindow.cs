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
