namespace MsspPortal.Web.Domain;

// The joint security committee: a charter, its members from both sides, its meetings and what they decided.

public sealed class JointCommittee : ITenantOwned
{
    private JointCommittee()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Charter { get; private set; }

    public static JointCommittee Form(Guid tenantId, string name, string? charter)
    {
        var committee = new JointCommittee { TenantId = tenantId };
        committee.Update(name, charter);
        return committee;
    }

    public void Update(string name, string? charter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        (Name, Charter) = (name, charter);
    }
}

public sealed class CommitteeMember : ITenantOwned
{
    private CommitteeMember()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    /// <summary>Set when the member has a portal account.</summary>
    public string? UserId { get; private set; }

    public string Name { get; private set; } = "";

    public CommitteeSide Side { get; private set; }

    /// <summary>Their role on the committee (chair, CISO, business owner, SOC lead...).</summary>
    public string Role { get; private set; } = "";

    /// <summary>A seat on a saved committee, of the committee's tenant.</summary>
    public static CommitteeMember Appoint(JointCommittee committee, string name, CommitteeSide side, string role, string? userId = null)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Members are appointed to a saved committee.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new CommitteeMember { TenantId = committee.TenantId, CommitteeId = committee.Id, Name = name, Side = side, Role = role, UserId = userId };
    }

    /// <summary>Appoints by the committee's id when only that is at hand (the committee is the tenant's, by the query filter).</summary>
    public static CommitteeMember Appoint(Guid tenantId, long committeeId, string name, CommitteeSide side, string role, string? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new CommitteeMember { TenantId = tenantId, CommitteeId = committeeId, Name = name, Side = side, Role = role, UserId = userId };
    }
}

public enum CommitteeSide
{
    Mssp,
    Customer,
}

/// <summary>A meeting is scheduled, then held once, with its minutes; an emergency meeting names its incident.</summary>
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

    /// <summary>The incident that triggered an emergency activation.</summary>
    public long? IncidentId { get; private set; }

    public string? Minutes { get; private set; }

    public static Meeting Schedule(JointCommittee committee, MeetingKind kind, DateTimeOffset scheduledAt) =>
        Schedule(committee, kind, scheduledAt, null);

    /// <summary>An emergency activation: the committee meets about one incident.</summary>
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

    /// <summary>The meeting took place: when, and what was said. It is held once.</summary>
    public void Hold(DateTimeOffset heldAt, string? minutes)
    {
        RequireNotHeld();
        (HeldAt, Minutes) = (heldAt, minutes);
    }

    /// <summary>Minutes are corrected after the meeting, never written before it.</summary>
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

/// <summary>What a meeting decided someone must do: open until it is done or dropped, which is final.</summary>
public sealed class ActionItem : ITenantOwned
{
    private ActionItem()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long MeetingId { get; private set; }

    public string Title { get; private set; } = "";

    public string Owner { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }

    public ActionItemStatus Status { get; private set; }

    public static ActionItem Raise(Meeting meeting, string title, string owner, DateOnly? dueOn = null)
    {
        if (meeting.Id == 0)
        {
            throw new InvalidOperationException("Action items come from a saved meeting.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new ActionItem { TenantId = meeting.TenantId, MeetingId = meeting.Id, Title = title, Owner = owner, DueOn = dueOn, Status = ActionItemStatus.Open };
    }

    public void Reassign(string owner, DateOnly? dueOn)
    {
        RequireOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        (Owner, DueOn) = (owner, dueOn);
    }

    public void Complete()
    {
        RequireOpen();
        Status = ActionItemStatus.Done;
    }

    public void Drop()
    {
        RequireOpen();
        Status = ActionItemStatus.Dropped;
    }

    private void RequireOpen()
    {
        if (Status != ActionItemStatus.Open)
        {
            throw new InvalidOperationException($"Action item {Id} is {Status}: it is no longer open.");
        }
    }
}

public enum ActionItemStatus
{
    Open,
    Done,
    Dropped,
}
