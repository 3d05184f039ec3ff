namespace MsspPortal.Web.Domain;

// A committee meeting: scheduled (with an agenda), held (attendance, minutes, decisions, new action items), then
// closed by the chair or the secretary, after which its record is final. An emergency meeting names its incident and
// activation; a retrospective meeting its quarter's pack. Every change a participant would see in their calendar
// raises Sequence (RFC 5545), and CalendarUid never changes.
public sealed class Meeting : ITenantOwned
{
    public const int MaxMinutesLength = 16000;

    private readonly List<AgendaItem> _agenda = [];

    private readonly List<MeetingAttendance> _attendance = [];

    private Meeting()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public MeetingKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public MeetingStatus Status { get; private set; }

    public DateTimeOffset ScheduledAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    // The IANA zone the meeting is planned in (the tenant's), for the calendar's VTIMEZONE.
    public string TimeZone { get; private set; } = "UTC";

    // Where: a room or a call link.
    public string? Location { get; private set; }

    public DateTimeOffset? HeldAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string? Minutes { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    // The incident that triggered an emergency activation.
    public long? IncidentId { get; private set; }

    public string CalendarUid { get; private set; } = "";

    public int Sequence { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda;

    public IReadOnlyList<MeetingAttendance> Attendance => _attendance;

    public bool IsClosed => Status is MeetingStatus.Closed or MeetingStatus.Cancelled;

    public static Meeting Schedule(JointCommittee committee, MeetingKind kind, DateTimeOffset scheduledAt) =>
        Schedule(committee, kind, DefaultTitle(kind, scheduledAt), scheduledAt, scheduledAt.AddMinutes(committee.SyncMinutes), "UTC", null, scheduledAt);

    public static Meeting Schedule(JointCommittee committee, MeetingKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt,
        string timeZone, long? incidentId, DateTimeOffset at)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Meetings are scheduled for a saved committee.");
        }
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown meeting kind.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        var meeting = new Meeting
        {
            TenantId = committee.TenantId, CommitteeId = committee.Id, Kind = kind, IncidentId = incidentId, TimeZone = timeZone,
            Status = MeetingStatus.Scheduled, CalendarUid = $"{Guid.NewGuid():N}@mssp-portal", UpdatedAt = at,
        };
        meeting.SetTimes(title, startsAt, endsAt);
        return meeting;
    }

    // An emergency activation: the committee meets about one incident, now.
    public static Meeting Activate(JointCommittee committee, Incident incident, DateTimeOffset scheduledAt) =>
        Schedule(committee, MeetingKind.Emergency, $"Emergency: {incident.Title}", scheduledAt, scheduledAt.AddHours(1), "UTC", incident.Id, scheduledAt);

    private static string DefaultTitle(MeetingKind kind, DateTimeOffset at) => kind switch
    {
        MeetingKind.Weekly => $"Weekly sync {at:yyyy-MM-dd}",
        MeetingKind.Emergency => $"Emergency session {at:yyyy-MM-dd HH:mm}",
        _ => $"Quarterly retrospective {at:yyyy-MM-dd}",
    };

    public void Reschedule(DateTimeOffset scheduledAt) => Reschedule(Title, scheduledAt, scheduledAt + (EndsAt - ScheduledAt), Location, scheduledAt);

    public void Reschedule(string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? location, DateTimeOffset at)
    {
        RequireNotHeld();
        SetTimes(title, startsAt, endsAt);
        Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        Changed(at);
    }

    public void Cancel(DateTimeOffset at)
    {
        RequireNotHeld();
        Status = MeetingStatus.Cancelled;
        Changed(at);
    }

    // Agenda items are added while the meeting is open (before or during it), never after it is closed.
    public AgendaItem AddToAgenda(AgendaSource source, long? sourceId, string title, string? detail, string? link, DateTimeOffset at)
    {
        RequireOpen();
        var item = AgendaItem.For(this, _agenda.Count == 0 ? 1 : _agenda.Max(a => a.Position) + 1, source, sourceId, title, detail, link);
        _agenda.Add(item);
        Changed(at);
        return item;
    }

    public void RemoveFromAgenda(long agendaItemId, DateTimeOffset at)
    {
        RequireOpen();
        _agenda.RemoveAll(a => a.Id == agendaItemId);
        Changed(at);
    }

    // Moves an item one place up (-1) or down (+1).
    public void MoveAgendaItem(long agendaItemId, int direction, DateTimeOffset at)
    {
        RequireOpen();
        var ordered = _agenda.OrderBy(a => a.Position).ToList();
        var index = ordered.FindIndex(a => a.Id == agendaItemId);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= ordered.Count)
        {
            return;
        }
        var (a, b) = (ordered[index], ordered[other]);
        var position = a.Position;
        a.MoveTo(b.Position);
        b.MoveTo(position);
        Changed(at);
    }

    public void MarkAttendance(long memberId, bool present, DateTimeOffset at)
    {
        RequireOpen();
        var row = _attendance.FirstOrDefault(a => a.MemberId == memberId);
        if (row is null)
        {
            _attendance.Add(MeetingAttendance.For(this, memberId, present));
        }
        else
        {
            row.Set(present);
        }
        UpdatedAt = at;
    }

    // The meeting took place: when it started, and what was said. It is held once.
    public void Hold(DateTimeOffset heldAt, string? minutes)
    {
        RequireNotHeld();
        (HeldAt, Minutes, Status, UpdatedAt) = (heldAt, Trim(minutes), MeetingStatus.Held, heldAt);
    }

    // Minutes are written during and after the meeting until it is closed.
    public void AmendMinutes(string? minutes, DateTimeOffset at)
    {
        if (HeldAt is null)
        {
            throw new InvalidOperationException($"Meeting {Id} has not been held: it has no minutes yet.");
        }
        RequireOpen();
        (Minutes, UpdatedAt) = (Trim(minutes), at);
    }

    public void AmendMinutes(string? minutes) => AmendMinutes(minutes, UpdatedAt);

    // The chair or the secretary closes the record (the handler checks who); nothing changes after.
    public void Close(DateTimeOffset endedAt, string closedBy, DateTimeOffset at)
    {
        if (HeldAt is null)
        {
            throw new InvalidOperationException($"Meeting {Id} has not been held: there is nothing to close.");
        }
        RequireOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(closedBy);
        (EndedAt, ClosedAt, ClosedBy, Status) = (endedAt < HeldAt ? HeldAt : endedAt, at, closedBy, MeetingStatus.Closed);
        Changed(at);
    }

    private void SetTimes(string title, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A meeting ends after it starts.", nameof(endsAt));
        }
        (Title, ScheduledAt, EndsAt) = (title.Trim(), startsAt.ToUniversalTime(), endsAt.ToUniversalTime());
    }

    private void Changed(DateTimeOffset at)
    {
        Sequence++;
        UpdatedAt = at;
    }

    private static string? Trim(string? minutes)
    {
        if (string.IsNullOrWhiteSpace(minutes))
        {
            return null;
        }
        var text = minutes.Trim();
        return text.Length <= MaxMinutesLength ? text : throw new ArgumentException($"Minutes are at most {MaxMinutesLength} characters.", nameof(minutes));
    }

    private void RequireNotHeld()
    {
        if (HeldAt is not null || IsClosed)
        {
            throw new InvalidOperationException($"Meeting {Id} was already held or cancelled.");
        }
    }

    private void RequireOpen()
    {
        if (IsClosed)
        {
            throw new InvalidOperationException($"Meeting {Id} is {Status}: its record is final.");
        }
    }
}

public enum MeetingKind
{
    Weekly,
    Emergency,
    QuarterlyRetrospective,
}

public enum MeetingStatus
{
    Scheduled,
    Held,
    Closed,
    Cancelled,
}

// One point on a meeting's agenda: assembled from the tenant's records (an incident, an SLA breach, an alert waiting
// on the customer, an open action item, a value figure, an upcoming protection window, a disputed report figure) or
// added by hand; Notes is what the meeting said about it.
public sealed class AgendaItem : ITenantOwned
{
    private AgendaItem()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long MeetingId { get; private set; }

    public int Position { get; private set; }

    public AgendaSource Source { get; private set; }

    // The id of the record the item came from (incident, alert, action item...), for the link and to avoid repeats.
    public long? SourceId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Detail { get; private set; }

    public string? Link { get; private set; }

    public string? Notes { get; private set; }

    public bool Discussed { get; private set; }

    internal static AgendaItem For(Meeting meeting, int position, AgendaSource source, long? sourceId, string title, string? detail, string? link)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return new AgendaItem
        {
            TenantId = meeting.TenantId, MeetingId = meeting.Id, Position = position, Source = source, SourceId = sourceId,
            Title = title.Length > 300 ? title[..300] : title, Detail = detail, Link = link,
        };
    }

    internal void MoveTo(int position) => Position = position;

    public void Note(string? notes, bool discussed) => (Notes, Discussed) = (string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(), discussed);
}

public enum AgendaSource
{
    Manual,
    Incident,
    SlaBreach,
    WaitingOnCustomer,
    ActionItem,
    ValueFigure,
    ProtectionWindow,
    ReportDispute,
    Goal,
}

// Who of the committee was at a meeting.
public sealed class MeetingAttendance : ITenantOwned
{
    private MeetingAttendance()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long MeetingId { get; private set; }

    public long MemberId { get; private set; }

    public bool Present { get; private set; }

    internal static MeetingAttendance For(Meeting meeting, long memberId, bool present) =>
        new() { TenantId = meeting.TenantId, MeetingId = meeting.Id, MemberId = memberId, Present = present };

    internal void Set(bool present) => Present = present;
}
