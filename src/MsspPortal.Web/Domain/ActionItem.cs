namespace MsspPortal.Web.Domain;

// Something the committee decided someone must do. It comes from a meeting, an incident, a value report, a
// protection window's checklist, an emergency activation or a retrospective (the origin is kept; deleting the origin
// never deletes the item). Open or in progress until done or dropped, which is final; created and completed dates
// give the burn-down.
public sealed class ActionItem : ITenantOwned
{
    public const int MaxTitleLength = 500;

    private ActionItem()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; } = "";

    public string? Detail { get; private set; }

    // The member who owns it (either side); OwnerName keeps the name shown even if the member leaves.
    public long? OwnerMemberId { get; private set; }

    public string OwnerName { get; private set; } = "";

    public DateOnly? DueOn { get; private set; }

    public ActionItemStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? Outcome { get; private set; }

    public ActionItemOrigin Origin { get; private set; }

    public long? MeetingId { get; private set; }

    public long? IncidentId { get; private set; }

    public long? ValueReportId { get; private set; }

    public long? ProtectionWindowId { get; private set; }

    // The window's phase, for checklist items of a protection window.
    public ProtectionPhase? Phase { get; private set; }

    public long? ActivationId { get; private set; }

    public long? RetrospectiveId { get; private set; }

    public bool IsOpen => Status is ActionItemStatus.Open or ActionItemStatus.InProgress;

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn is { } due && due < today;

    public static ActionItem Raise(Guid tenantId, string title, CommitteeMember? owner, DateOnly? dueOn, DateTimeOffset at, ActionItemSource source)
    {
        if (owner is not null && owner.TenantId != tenantId)
        {
            throw new InvalidOperationException("The owner sits on another tenant's committee.");
        }
        var item = new ActionItem { TenantId = tenantId, Status = ActionItemStatus.Open, CreatedAt = at };
        item.SetText(title, null);
        (item.OwnerMemberId, item.OwnerName, item.DueOn) = (owner?.Id, owner?.Name ?? "", dueOn);
        (item.Origin, item.MeetingId, item.IncidentId, item.ValueReportId) = (source.Origin, source.MeetingId, source.IncidentId, source.ValueReportId);
        (item.ProtectionWindowId, item.Phase, item.ActivationId, item.RetrospectiveId) = (source.ProtectionWindowId, source.Phase, source.ActivationId, source.RetrospectiveId);
        return item;
    }

    // A meeting's action item (kept for the callers that have the meeting at hand).
    public static ActionItem Raise(Meeting meeting, string title, CommitteeMember? owner, DateOnly? dueOn, DateTimeOffset at)
    {
        if (meeting.Id == 0)
        {
            throw new InvalidOperationException("Action items come from a saved meeting.");
        }
        return Raise(meeting.TenantId, title, owner, dueOn, at, ActionItemSource.FromMeeting(meeting.Id));
    }

    public void Edit(string title, string? detail, CommitteeMember? owner, DateOnly? dueOn)
    {
        RequireOpen();
        if (owner is not null && owner.TenantId != TenantId)
        {
            throw new InvalidOperationException("The owner sits on another tenant's committee.");
        }
        SetText(title, detail);
        (OwnerMemberId, OwnerName, DueOn) = (owner?.Id, owner?.Name ?? "", dueOn);
    }

    public void Start()
    {
        RequireOpen();
        Status = ActionItemStatus.InProgress;
    }

    public void Complete(DateTimeOffset at, string? outcome = null)
    {
        RequireOpen();
        (Status, CompletedAt, Outcome) = (ActionItemStatus.Done, at, string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim());
    }

    public void Drop(DateTimeOffset at, string? reason = null)
    {
        RequireOpen();
        (Status, CompletedAt, Outcome) = (ActionItemStatus.Dropped, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    private void SetText(string title, string? detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (title.Trim().Length > MaxTitleLength)
        {
            throw new ArgumentException($"An action item's title is at most {MaxTitleLength} characters.", nameof(title));
        }
        (Title, Detail) = (title.Trim(), string.IsNullOrWhiteSpace(detail) ? null : detail.Trim());
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Action item {Id} is {Status}: it is no longer open.");
        }
    }
}

public enum ActionItemStatus
{
    Open,
    InProgress,
    Done,
    Dropped,
}

public enum ActionItemOrigin
{
    Manual,
    Meeting,
    Incident,
    ValueReport,
    ProtectionWindow,
    EmergencyActivation,
    Retrospective,
}

// Where an action item comes from: one origin, with the id of its record.
public sealed record ActionItemSource(ActionItemOrigin Origin, long? MeetingId = null, long? IncidentId = null, long? ValueReportId = null,
    long? ProtectionWindowId = null, ProtectionPhase? Phase = null, long? ActivationId = null, long? RetrospectiveId = null)
{
    public static ActionItemSource Manual { get; } = new(ActionItemOrigin.Manual);

    public static ActionItemSource FromMeeting(long meetingId) => new(ActionItemOrigin.Meeting, MeetingId: meetingId);

    public static ActionItemSource FromIncident(long incidentId, long? activationId = null) =>
        new(activationId is null ? ActionItemOrigin.Incident : ActionItemOrigin.EmergencyActivation, IncidentId: incidentId, ActivationId: activationId);

    public static ActionItemSource FromReport(long valueReportId) => new(ActionItemOrigin.ValueReport, ValueReportId: valueReportId);

    public static ActionItemSource FromWindow(long windowId, ProtectionPhase phase) => new(ActionItemOrigin.ProtectionWindow, ProtectionWindowId: windowId, Phase: phase);

    public static ActionItemSource FromRetrospective(long retrospectiveId, long? meetingId = null) =>
        new(ActionItemOrigin.Retrospective, MeetingId: meetingId, RetrospectiveId: retrospectiveId);
}
