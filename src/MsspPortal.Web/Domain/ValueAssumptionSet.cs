namespace MsspPortal.Web.Domain;

// One version of the value model's inputs for a tenant: every input is a range with its source, year and approver.
// Versions are never edited in place: a change is a new version (Revise), so a published report names the version it
// was computed with and can be recomputed exactly. Inputs the committee has not approved show as "MSSP default".
public sealed class ValueAssumptionSet : ITenantOwned
{
    private readonly List<ValueAssumption> _assumptions = [];

    private ValueAssumptionSet()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    // 1, 2, 3… per tenant; the highest is in force.
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    public string? Note { get; private set; }

    public IReadOnlyList<ValueAssumption> Assumptions => _assumptions;

    public ValueAssumption? Find(string key) => _assumptions.FirstOrDefault(a => a.Key == key);

    public static ValueAssumptionSet First(Guid tenantId, IEnumerable<ValueAssumption> assumptions, string? userId, DateTimeOffset at, string? note = null)
    {
        var set = new ValueAssumptionSet { TenantId = tenantId, Version = 1, CreatedAt = at, CreatedBy = userId, Note = note };
        set.Take(assumptions);
        return set;
    }

    // The next version: this one's inputs with the given ones replaced (by key) or added.
    public ValueAssumptionSet Revise(IEnumerable<ValueAssumption> changes, string? userId, DateTimeOffset at, string? note)
    {
        var changed = changes.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var next = new ValueAssumptionSet { TenantId = TenantId, Version = Version + 1, CreatedAt = at, CreatedBy = userId, Note = note };
        next.Take(_assumptions.Where(a => !changed.ContainsKey(a.Key)).Select(a => a.Copy()).Concat(changed.Values));
        return next;
    }

    private void Take(IEnumerable<ValueAssumption> assumptions)
    {
        foreach (var assumption in assumptions)
        {
            if (_assumptions.Any(a => a.Key == assumption.Key))
            {
                throw new ArgumentException($"The input {assumption.Key} is given twice.", nameof(assumptions));
            }
            assumption.TenantId = TenantId;
            _assumptions.Add(assumption);
        }
    }
}

// One input of the value model as a range: PERT (min, most likely, max; γ = 4) or lognormal from a 90% interval
// (min = P5, max = P95; MostLikely unused).
public sealed class ValueAssumption : ITenantOwned
{
    public const int MaxKeyLength = 100;

    public const int MaxSourceLength = 500;

    private ValueAssumption()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; internal set; }

    public long ValueAssumptionSetId { get; private set; }

    // Stable name the model reads, e.g. "loss-event-probability.delivery", "response-cost".
    public string Key { get; private set; } = "";

    public string Label { get; private set; } = "";

    public AssumptionDistribution Distribution { get; private set; }

    public decimal Min { get; private set; }

    public decimal MostLikely { get; private set; }

    public decimal Max { get; private set; }

    // "probability", "hours", "currency", "percent"…: how the range is read and shown.
    public string Unit { get; private set; } = "";

    public string Source { get; private set; } = "";

    public int SourceYear { get; private set; }

    // Null while the input is the MSSP's default; set when the committee approves it.
    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public bool IsMsspDefault => ApprovedBy is null;

    public static ValueAssumption Range(string key, string label, AssumptionDistribution distribution, decimal min, decimal mostLikely, decimal max,
        string unit, string source, int sourceYear, string? approvedBy = null, DateTimeOffset? approvedAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (key.Length > MaxKeyLength || source.Length > MaxSourceLength)
        {
            throw new ArgumentException("The key or source is too long.", nameof(key));
        }
        if (min < 0 || max < min || (distribution == AssumptionDistribution.Pert && (mostLikely < min || mostLikely > max)))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"{key}: a range needs 0 ≤ min ≤ most likely ≤ max.");
        }
        if (distribution == AssumptionDistribution.Lognormal90 && (min <= 0 || max <= min))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"{key}: a lognormal 90% interval needs 0 < P5 < P95.");
        }
        if (approvedBy is not null != approvedAt is not null)
        {
            throw new ArgumentException("An approval has both who and when.", nameof(approvedBy));
        }
        return new ValueAssumption
        {
            Key = key, Label = label, Distribution = distribution, Min = min, MostLikely = mostLikely, Max = max, Unit = unit,
            Source = source, SourceYear = sourceYear, ApprovedBy = approvedBy, ApprovedAt = approvedAt,
        };
    }

    internal ValueAssumption Copy() =>
        Range(Key, Label, Distribution, Min, MostLikely, Max, Unit, Source, SourceYear, ApprovedBy, ApprovedAt);
}

public enum AssumptionDistribution
{
    Pert,
    Lognormal90,
}
