namespace MsspPortal.Web.Domain;

// A goal both sides own, with a target and the value measured against it ("fraud rate under 0.1%", "no major
// incident during the November sale"). MeasureKey names what measures it (a value-model figure key such as
// "fraud.rate", or a committee measure); the measured value is recorded with when and how it was measured.
public sealed class CommitteeGoal : ITenantOwned
{
    private CommitteeGoal()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public string Title { get; private set; } = "";

    public string? MeasureKey { get; private set; }

    public GoalComparison Comparison { get; private set; }

    public double Target { get; private set; }

    public string Unit { get; private set; } = "";

    // The period the goal covers (a quarter, a sale); null: ongoing.
    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public double? Measured { get; private set; }

    public DateTimeOffset? MeasuredAt { get; private set; }

    // How the measured value was obtained, with a link to its records when there is one.
    public string? MeasuredFrom { get; private set; }

    public bool Retired { get; private set; }

    public bool? IsMet => Measured is not { } value ? null : Comparison switch
    {
        GoalComparison.AtMost => value <= Target,
        GoalComparison.AtLeast => value >= Target,
        _ => Math.Abs(value - Target) < 1e-9,
    };

    public static CommitteeGoal Set(JointCommittee committee, string title, string? measureKey, GoalComparison comparison, double target, string unit,
        DateOnly? from, DateOnly? to)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Goals are set for a saved committee.");
        }
        var goal = new CommitteeGoal { TenantId = committee.TenantId, CommitteeId = committee.Id };
        goal.Change(title, measureKey, comparison, target, unit, from, to);
        return goal;
    }

    public void Change(string title, string? measureKey, GoalComparison comparison, double target, string unit, DateOnly? from, DateOnly? to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (!Enum.IsDefined(comparison) || !double.IsFinite(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A goal needs a finite target and a known comparison.");
        }
        if (from is not null && to is not null && to < from)
        {
            throw new ArgumentException("A goal's period ends after it starts.", nameof(to));
        }
        (Title, MeasureKey, Comparison, Target, Unit, From, To) =
            (title.Trim(), string.IsNullOrWhiteSpace(measureKey) ? null : measureKey.Trim(), comparison, target, unit.Trim(), from, to);
    }

    public void Record(double measured, DateTimeOffset at, string measuredFrom)
    {
        if (!double.IsFinite(measured))
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, "A measured value is a finite number.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(measuredFrom);
        (Measured, MeasuredAt, MeasuredFrom) = (measured, at, measuredFrom);
    }

    public void Retire() => Retired = true;
}

public enum GoalComparison
{
    AtMost,
    AtLeast,
    Exactly,
}
