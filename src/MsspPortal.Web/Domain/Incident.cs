using System.Globalization;

namespace MsspPortal.Web.Domain;

// Alerts grouped for one investigation, with the business impact that the value report counts. Its status moves
// Open → Contained → Closed (Open → Closed when containment was immediate), may wait on the customer (the SLA clock
// pauses), and a closed incident may be reopened. Every change goes through a method that appends an IncidentHistory
// row, as alerts do: the timeline and the SOC's figures read that history.
public sealed class Incident : ITenantOwned
{
    public const int MaxLossSourceLength = 400;

    private readonly List<IncidentHistory> _history = [];
    private readonly List<IncidentTask> _tasks = [];

    private Incident()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; } = "";

    public AlertSeverity Severity { get; private set; }

    public IncidentStatus Status { get; private set; } = IncidentStatus.Open;

    public string? OwnerId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    // The first action by a person (an owner taken, a status moved): what the acknowledge deadline is judged by.
    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    // The contract's service levels for the severity at opening (SlaClock); null without a contract in force.
    public DateTimeOffset? AcknowledgeDueAt { get; private set; }

    public DateTimeOffset? ResolveDueAt { get; private set; }

    // Set while the incident waits on the customer: the SLA clock stands still.
    public DateTimeOffset? ClockPausedAt { get; private set; }

    // What happened to the business, in the owner's words; the figures below are what reports count.
    public string? BusinessImpact { get; private set; }

    // The business service affected, recorded at closing.
    public long? BusinessServiceId { get; private set; }

    // Minutes the business service was interrupted (zero is a finding, not a blank).
    public int? DowntimeMinutes { get; private set; }

    // Loss actually incurred, in the tenant's currency, and where that figure comes from (a record, not a guess).
    public decimal? ActualLoss { get; private set; }

    public string? LossSource { get; private set; }

    public IReadOnlyList<IncidentHistory> History => _history;

    public IReadOnlyList<IncidentTask> Tasks => _tasks;

    public bool IsOpen => Status != IncidentStatus.Closed;

    public static Incident Open(Guid tenantId, string title, AlertSeverity severity, DateTimeOffset openedAt, SlaTerms? sla = null, string? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var incident = new Incident { TenantId = tenantId, Title = title.Trim(), Severity = severity, OpenedAt = openedAt, Status = IncidentStatus.Open };
        if (sla is { } terms)
        {
            (incident.AcknowledgeDueAt, incident.ResolveDueAt) = SlaClock.Start(openedAt, terms);
        }
        incident.Record(userId, openedAt, nameof(Status), null, IncidentStatus.Open.ToString(), "Opened");
        return incident;
    }

    public void Retitle(string title, AlertSeverity severity, string? userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (Title != title.Trim())
        {
            Record(userId, at, nameof(Title), Title, title.Trim(), null);
            Title = title.Trim();
        }
        RaiseSeverity(severity, userId, at, null);
    }

    // Linking a more severe alert makes the incident at least as severe; the deadlines set at opening stay.
    public void RaiseSeverity(AlertSeverity severity, string? userId, DateTimeOffset at, string? reason)
    {
        if (severity <= Severity)
        {
            return;
        }
        Record(userId, at, nameof(Severity), Severity.ToString(), severity.ToString(), reason);
        Severity = severity;
    }

    public void Assign(string? ownerId, string userId, DateTimeOffset at)
    {
        if (OwnerId == ownerId)
        {
            return;
        }
        Acknowledge(at);
        Record(userId, at, nameof(OwnerId), OwnerId, ownerId, null);
        OwnerId = ownerId;
    }

    // Alerts joined the incident (the alerts' own history records the link too).
    public void NoteAlertsLinked(IReadOnlyCollection<long> alertIds, string? userId, DateTimeOffset at)
    {
        if (alertIds.Count == 0)
        {
            return;
        }
        Record(userId, at, "Alerts", null, string.Join(",", alertIds.Select(i => i.ToString(CultureInfo.InvariantCulture))), null);
    }

    public void Contain(string? userId, DateTimeOffset at, string? reason = null)
    {
        if (Status is not (IncidentStatus.Open or IncidentStatus.WaitingOnCustomer))
        {
            throw new InvalidOperationException($"Incident {Id} is {Status}: only an open incident can be contained.");
        }
        MoveTo(IncidentStatus.Contained, userId, at, reason);
    }

    // The analyst needs an answer from the customer: the clock stops until the incident moves on.
    public void WaitOnCustomer(string? userId, DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status == IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is closed: reopen it first.");
        }
        MoveTo(IncidentStatus.WaitingOnCustomer, userId, at, reason);
    }

    // Back to work after waiting on the customer (the clock runs again), or out of containment.
    public void Resume(string? userId, DateTimeOffset at, string? reason)
    {
        if (Status == IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is closed: reopen it first.");
        }
        MoveTo(IncidentStatus.Open, userId, at, reason);
    }

    // Raises the incident to the senior tier and the customer. True when it is an emergency (a Critical incident),
    // which the caller announces.
    public bool Escalate(string? userId, DateTimeOffset at, string? reason)
    {
        if (Status == IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is closed: reopen it first.");
        }
        Acknowledge(at);
        var emergency = Severity == AlertSeverity.Critical;
        Record(userId, at, "Escalation", null, emergency ? "Emergency" : "Escalated", reason);
        return emergency;
    }

    // The emergency was announced to the tenant's joint committee; kept on the incident so the activation can be traced.
    public void NoteEmergency(string? userId, DateTimeOffset at, string reason) =>
        Record(userId, at, "Emergency", null, "Announced", reason);

    // A decision of the joint committee's emergency session about this incident, on its timeline; written also on a
    // closed incident, since the decision was taken while it was open.
    public void NoteCommitteeDecision(string? userId, DateTimeOffset at, string decidedBy, string decision) =>
        Record(userId, at, "Committee decision", null, decidedBy, decision);

    // Closing states the business impact: which service, how many minutes it was interrupted, what was lost and
    // according to which record. Zero minutes and zero loss are valid findings; a figure without a source is not.
    public void Close(IncidentImpact impact, string? userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(impact);
        if (Status == IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is already closed.");
        }
        if (at < OpenedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "An incident cannot close before it opened.");
        }
        impact.Check();
        Record(userId, at, "Impact", Describe(), impact.Describe(), impact.Summary);
        (BusinessServiceId, DowntimeMinutes, ActualLoss, LossSource, BusinessImpact) =
            (impact.BusinessServiceId, impact.DowntimeMinutes, impact.ActualLoss, impact.LossSource.Trim(), impact.Summary?.Trim());
        MoveTo(IncidentStatus.Closed, userId, at, impact.Summary);
        ClosedAt = at;
    }

    // New evidence after closing: the incident is open again and its closing time no longer holds; the impact stays
    // on record until the next closing states it again.
    public void Reopen(string? userId, DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Status != IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is {Status}: only a closed incident can be reopened.");
        }
        MoveTo(IncidentStatus.Open, userId, at, reason);
        ClosedAt = null;
    }

    public IncidentTask AddTask(string title, string? assigneeId, string? userId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (Id == 0)
        {
            throw new InvalidOperationException("A task belongs to a saved incident.");
        }
        var task = new IncidentTask(this, title.Trim(), assigneeId, at);
        _tasks.Add(task);
        Record(userId, at, "Task", null, task.Title, null);
        return task;
    }

    public void CompleteTask(IncidentTask task, string? userId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IncidentId != Id || task.DoneAt is not null)
        {
            return;
        }
        task.Complete(at);
        Record(userId, at, "Task", task.Title, "Done", null);
    }

    // A comment is its own row; the timeline shows it beside this history.
    private void Acknowledge(DateTimeOffset at) => AcknowledgedAt ??= at;

    private void MoveTo(IncidentStatus status, string? userId, DateTimeOffset at, string? reason)
    {
        if (Status == status)
        {
            return;
        }
        if (userId is not null)
        {
            Acknowledge(at);
        }
        if (Status == IncidentStatus.WaitingOnCustomer && ClockPausedAt is { } pausedAt)
        {
            AcknowledgeDueAt = SlaClock.Resume(AcknowledgeDueAt, pausedAt, at);
            ResolveDueAt = SlaClock.Resume(ResolveDueAt, pausedAt, at);
            ClockPausedAt = null;
        }
        if (status == IncidentStatus.WaitingOnCustomer)
        {
            ClockPausedAt = at;
        }
        Record(userId, at, nameof(Status), Status.ToString(), status.ToString(), reason);
        Status = status;
    }

    private string? Describe() =>
        DowntimeMinutes is null && ActualLoss is null ? null : new IncidentImpact(BusinessServiceId ?? 0, DowntimeMinutes ?? 0, ActualLoss ?? 0, LossSource ?? "", null).Describe();

    private void Record(string? userId, DateTimeOffset at, string field, string? from, string? to, string? reason) =>
        _history.Add(IncidentHistory.Change(this, userId, at, field, from, to, reason));
}

// The business impact stated at closing. A loss carries its source: "customer finance, invoice 2026-114".
public sealed record IncidentImpact(long BusinessServiceId, int DowntimeMinutes, decimal ActualLoss, string LossSource, string? Summary)
{
    internal void Check()
    {
        if (BusinessServiceId <= 0)
        {
            throw new ArgumentException("Closing names the business service affected.", nameof(BusinessServiceId));
        }
        if (DowntimeMinutes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DowntimeMinutes), DowntimeMinutes, "Downtime is not negative.");
        }
        if (ActualLoss < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ActualLoss), ActualLoss, "A loss is not negative.");
        }
        if (string.IsNullOrWhiteSpace(LossSource) || LossSource.Length > Incident.MaxLossSourceLength)
        {
            throw new ArgumentException("A loss figure says where it comes from (even when it is zero).", nameof(LossSource));
        }
    }

    internal string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"service {BusinessServiceId}, {DowntimeMinutes} min, loss {ActualLoss:0.##} ({LossSource.Trim()})");
}

// One change of one incident field: written by the incident's own methods, never edited.
public sealed class IncidentHistory : ITenantOwned
{
    private IncidentHistory()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long IncidentId { get; private set; }

    // Null when the system made the change.
    public string? UserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Field { get; private set; } = "";

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string? Reason { get; private set; }

    internal static IncidentHistory Change(Incident incident, string? userId, DateTimeOffset at, string field, string? from, string? to, string? reason) =>
        new()
        {
            TenantId = incident.TenantId,
            IncidentId = incident.Id,
            UserId = userId,
            At = at,
            Field = field,
            From = Clip(from),
            To = Clip(to),
            Reason = reason is { Length: > 2000 } ? reason[..2000] : reason,
        };

    private static string? Clip(string? value) => value is { Length: > 512 } ? value[..512] : value;
}

// A piece of the investigation's work: who does it, and when it was done.
public sealed class IncidentTask : ITenantOwned
{
    public const int MaxTitleLength = 300;

    private IncidentTask()
    {
    }

    internal IncidentTask(Incident incident, string title, string? assigneeId, DateTimeOffset at)
    {
        if (title.Length > MaxTitleLength)
        {
            throw new ArgumentException($"A task title holds at most {MaxTitleLength} characters.", nameof(title));
        }
        (TenantId, IncidentId, Title, AssigneeId, CreatedAt) = (incident.TenantId, incident.Id, title, assigneeId, at);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long IncidentId { get; private set; }

    public string Title { get; private set; } = "";

    public string? AssigneeId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    internal void Complete(DateTimeOffset at) => DoneAt = at;
}

public enum IncidentStatus
{
    Open,
    Contained,
    // The analyst needs an answer from the customer; the SLA clock pauses until the incident moves on.
    WaitingOnCustomer,
    Closed,
}
