namespace MsspPortal.Web.Domain;

// The joint security committee of one tenant: a charter, its members from both sides, its weekly rhythm, its
// meetings, decisions, goals and action items.
public sealed class JointCommittee : ITenantOwned
{
    // The committee is to be assembled within this many minutes of an emergency activation (demo story, contract).
    public const int ActivationTargetMinutes = 15;

    private JointCommittee()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Charter { get; private set; }

    // The weekly sync, in the tenant's time zone: day, local start time and length. Null day: no weekly sync yet.
    public DayOfWeek? SyncDay { get; private set; }

    public TimeOnly SyncTime { get; private set; } = new(10, 0);

    public int SyncMinutes { get; private set; } = 45;

    public static JointCommittee Form(Guid tenantId, string name, string? charter)
    {
        var committee = new JointCommittee { TenantId = tenantId };
        committee.Update(name, charter);
        return committee;
    }

    public void Update(string name, string? charter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        (Name, Charter) = (name.Trim(), string.IsNullOrWhiteSpace(charter) ? null : charter.Trim());
    }

    public void MeetWeekly(DayOfWeek day, TimeOnly localTime, int minutes)
    {
        if (minutes is < 15 or > 480)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A weekly sync lasts between 15 minutes and 8 hours.");
        }
        (SyncDay, SyncTime, SyncMinutes) = (day, localTime, minutes);
    }
}
