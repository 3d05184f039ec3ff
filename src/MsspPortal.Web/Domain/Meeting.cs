namespace MsspPortal.Web.Domain;

// A meeting is scheduled, then held once, with its minutes; an emergency meeting names its incident.
public sealed class Meeting : ITenantOwned
{
    private Meeting()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public MeetingKind Kind { get; private set; }

    public DateTimeOffset ScheduledAt { get; private set; }

    public DateTimeOffset? HeldAt { get; private set; }

    // The incident that triggered an emergency activation.
    public long? IncidentId { get; private set; }

    public string? Minutes { get; private set; }

    public static Meeting Schedule(JointCommittee committee, MeetingKind kind, DateTimeOffset scheduledAt) =>
        Schedule(committee, kind, scheduledAt, null);

    // An emergency activation: the committee meets about one incident.
    public static Meeting Activate(JointCommittee committee, Incident incident, DateTimeOffset scheduledAt) =>
        Schedule(committee, MeetingKind.Emergency, scheduledAt, incident.Id);

    private static Meeting Schedule(JointCommittee committee, MeetingKind kind, DateTimeOffset scheduledAt, long? incidentId)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Meetings are scheduled for a saved committee.");
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown meeting kind.");
        }
        return new Meeting { TenantId = committee.TenantId, CommitteeId = committee.Id, Kind = kind, ScheduledAt = scheduledAt, IncidentId = incidentId };
    }

    public void Reschedule(DateTimeOffset scheduledAt)
    {
        RequireNotHeld();
        ScheduledAt = scheduledAt;
    }

    // The meeting took place: when, and what was said. It is held once.
    public void Hold(DateTimeOffset heldAt, string? minutes)
    {
        RequireNotHeld();
        (HeldAt, Minutes) = (heldAt, minutes);
    }

    // Minutes are corrected after the meeting, never written before it.
    public void AmendMinutes(string? minutes)
    {
        if (HeldAt is null)
        {
            throw new InvalidOperationException($"Meeting {Id} has not been held: it has no minutes yet.");
        }
        Minutes = minutes;
    }

    private void RequireNotHeld()
    {
        if (HeldAt is not null)
        {
            throw new InvalidOperationException($"Meeting {Id} was held on {HeldAt:u}.");
        }
    }
}

public enum MeetingKind
{
    Weekly,
    Emergency,
    QuarterlyRetrospective,
}
