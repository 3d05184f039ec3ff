namespace MsspPortal.Web.Domain;

// The committee activated for one critical alert or incident. States: Declared → Paging → Assembling → InSession →
// Stable → Review → Closed (or Cancelled). Named roles of both sides are paged; a page unanswered at +5 minutes goes
// again, at +10 to alternates and chairs; the 15-minute target (JointCommittee.ActivationTargetMinutes) is met when
// quorum is reached in time, missed otherwise. While in session a status update is due every 20 minutes; after it,
// a post-incident review is due within 3 days (top severity). Timing rules live here so they are tested on a fake
// clock; the activation job only calls Tick.
public sealed class EmergencyActivation : ITenantOwned
{
    public const int RepageAfterMinutes = 5;
    public const int EscalateAfterMinutes = 10;
    public const int StatusUpdateEveryMinutes = 20;
    public const int ReviewDueDays = 3;

    private readonly List<CommitteePage> _pages = [];

    private readonly List<ActivationStatusUpdate> _updates = [];

    private EmergencyActivation()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public long? IncidentId { get; private set; }

    public long? AlertId { get; private set; }

    // The emergency meeting the session is recorded in.
    public long? MeetingId { get; private set; }

    public string Reason { get; private set; } = "";

    public ActivationState State { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public string DeclaredBy { get; private set; } = "";

    // Quorum: an incident lead, a decision-maker with authority from each side, a scribe.
    public DateTimeOffset? QuorumAt { get; private set; }

    public long? IncidentLeadMemberId { get; private set; }

    public long? ScribeMemberId { get; private set; }

    // Set once, at quorum or at the target's end: was the committee assembled within the target?
    public bool? TargetMet { get; private set; }

    public DateTimeOffset? InSessionAt { get; private set; }

    public DateTimeOffset? StableAt { get; private set; }

    public DateTimeOffset? ReviewDueAt { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewSummary { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateTimeOffset? NextUpdateDueAt { get; private set; }

    public IReadOnlyList<CommitteePage> Pages => _pages;

    public IReadOnlyList<ActivationStatusUpdate> Updates => _updates;

    public DateTimeOffset TargetAt => DeclaredAt.AddMinutes(JointCommittee.ActivationTargetMinutes);

    public bool IsActive => State is not (ActivationState.Closed or ActivationState.Cancelled);

    public static EmergencyActivation Declare(JointCommittee committee, long? incidentId, long? alertId, string reason, string declaredBy, DateTimeOffset at)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("A saved committee is activated.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(declaredBy);
        return new EmergencyActivation
        {
            TenantId = committee.TenantId, CommitteeId = committee.Id, IncidentId = incidentId, AlertId = alertId,
            Reason = reason.Length > 500 ? reason[..500] : reason, DeclaredBy = declaredBy, DeclaredAt = at, State = ActivationState.Declared,
        };
    }

    public void AttachMeeting(long meetingId) => MeetingId = meetingId;

    public void AttachIncident(long incidentId) => IncidentId ??= incidentId;

    // Adds a page to one member (the caller decides who, in Tick or at declaration).
    public CommitteePage Page(CommitteeMember member, PageReason reason, DateTimeOffset at)
    {
        if (member.TenantId != TenantId)
        {
            throw new InvalidOperationException("Pages go to members of the activated committee.");
        }
        var page = CommitteePage.To(this, member, reason, at);
        _pages.Add(page);
        if (State == ActivationState.Declared)
        {
            State = ActivationState.Paging;
        }
        return page;
    }

    public void AddUpdate(string text, string by, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        _updates.Add(ActivationStatusUpdate.For(this, text, by, at));
        if (State == ActivationState.InSession)
        {
            NextUpdateDueAt = at.AddMinutes(StatusUpdateEveryMinutes);
        }
    }

    // State changes the helpers' handlers drive; each sets its time once.
    internal void SetState(ActivationState state) => State = state;

    internal void SetQuorum(DateTimeOffset at, long incidentLead, long scribe)
    {
        (QuorumAt, IncidentLeadMemberId, ScribeMemberId) = (at, incidentLead, scribe);
        TargetMet ??= at <= TargetAt;
    }

    internal void MarkTargetMissed() => TargetMet ??= false;

    internal void SetInSession(DateTimeOffset at) => (InSessionAt, NextUpdateDueAt) = (at, at.AddMinutes(StatusUpdateEveryMinutes));

    internal void SetStable(DateTimeOffset at) => (StableAt, NextUpdateDueAt, ReviewDueAt) = (at, null, at.AddDays(ReviewDueDays));

    internal void SetReviewed(DateTimeOffset at, string summary) => (ReviewedAt, ReviewSummary) = (at, summary);

    internal void SetClosed(DateTimeOffset at) => (ClosedAt, NextUpdateDueAt) = (at, null);
}

public enum ActivationState
{
    Declared,
    Paging,
    Assembling,
    InSession,
    Stable,
    Review,
    Closed,
    Cancelled,
}

public enum PageReason
{
    // The named roles, at declaration.
    Initial,

    // Unanswered at +5 minutes: paged again.
    Repeat,

    // Unanswered at +10 minutes: the member's alternate, and the chairs.
    Escalation,
}

// One page of one member in an activation: shown in the portal to the member's account, e-mailed when SMTP is
// configured; answered once.
public sealed class CommitteePage : ITenantOwned
{
    private CommitteePage()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long ActivationId { get; private set; }

    public long MemberId { get; private set; }

    public CommitteeSide Side { get; private set; }

    public PageReason Reason { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset? EmailedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    internal static CommitteePage To(EmergencyActivation activation, CommitteeMember member, PageReason reason, DateTimeOffset at) => new()
    {
        TenantId = activation.TenantId, ActivationId = activation.Id, MemberId = member.Id, Side = member.Side, Reason = reason, SentAt = at,
    };

    public void Emailed(DateTimeOffset at) => EmailedAt ??= at;

    public void Acknowledge(DateTimeOffset at) => AcknowledgedAt ??= at;
}

// A status update while the committee is in session.
public sealed class ActivationStatusUpdate : ITenantOwned
{
    private ActivationStatusUpdate()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long ActivationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Text { get; private set; } = "";

    public string By { get; private set; } = "";

    internal static ActivationStatusUpdate For(EmergencyActivation activation, string text, string by, DateTimeOffset at) =>
        new() { TenantId = activation.TenantId, ActivationId = activation.Id, Text = text.Trim(), By = by, At = at };
}
