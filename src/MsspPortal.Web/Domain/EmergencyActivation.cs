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

    // The named roles of both sides, paged at once at declaration: incident leads, decision-makers with authority,
    // chairs and the secretary (the scribes). A member already paged in this activation is not paged twice (a second
    // escalation adds to the activation, it does not page everyone again).
    public IReadOnlyList<CommitteePage> PageNamedRoles(IEnumerable<CommitteeMember> members, DateTimeOffset at)
    {
        var pages = new List<CommitteePage>();
        foreach (var member in members.Where(m => m.Active && (m.CanLeadIncidents || m.HasDecisionAuthority || m.KeepsRecord)).OrderBy(m => m.Id))
        {
            if (_pages.All(p => p.MemberId != member.Id))
            {
                pages.Add(Page(member, PageReason.Initial, at));
            }
        }
        return pages;
    }

    // The member answers: every page of theirs in this activation is acknowledged at once. The first answer turns
    // Paging into Assembling; an answer that completes the quorum opens the session.
    public bool Acknowledge(CommitteeMember member, DateTimeOffset at, IReadOnlyCollection<CommitteeMember> members)
    {
        var open = _pages.Where(p => p.MemberId == member.Id && p.AcknowledgedAt is null).ToList();
        if (open.Count == 0 || !IsActive)
        {
            return false;
        }
        foreach (var page in open)
        {
            page.Acknowledge(at);
        }
        if (State is ActivationState.Declared or ActivationState.Paging)
        {
            State = ActivationState.Assembling;
        }
        CheckQuorum(at, members);
        return true;
    }

    // The clock's step, run every minute by the activation job (and on a fake clock in the tests). Until quorum:
    // a member paged and silent for 5 minutes is paged again (once); one silent for 10 minutes after their first
    // page has their alternates paged, and the chairs of both sides who have not answered (once each); at the
    // 15-minute target without quorum the target is marked missed (paging goes on until the committee assembles).
    // Returns the pages it sent, for the e-mail path.
    public IReadOnlyList<CommitteePage> Tick(DateTimeOffset now, IReadOnlyCollection<CommitteeMember> members)
    {
        var sent = new List<CommitteePage>();
        if (!IsActive || QuorumAt is not null)
        {
            return sent;
        }
        CheckQuorum(now, members);
        if (QuorumAt is not null)
        {
            return sent;
        }
        var byId = members.ToDictionary(m => m.Id);
        var silent = _pages.GroupBy(p => p.MemberId)
            .Where(g => g.All(p => p.AcknowledgedAt is null))
            .Select(g => (MemberId: g.Key, FirstSent: g.Min(p => p.SentAt), Pages: g.ToList()))
            .OrderBy(s => s.MemberId)
            .ToList();
        foreach (var (memberId, firstSent, pages) in silent)
        {
            if (now >= firstSent.AddMinutes(RepageAfterMinutes) && pages.All(p => p.Reason != PageReason.Repeat)
                && byId.TryGetValue(memberId, out var member) && member.Active)
            {
                sent.Add(Page(member, PageReason.Repeat, now));
            }
        }
        var escalate = silent.Where(s => now >= s.FirstSent.AddMinutes(EscalateAfterMinutes) && s.Pages.Any(p => p.Reason == PageReason.Initial)).ToList();
        if (escalate.Count > 0)
        {
            var alternates = members.Where(m => m.AlternateForId is { } of && escalate.Any(s => s.MemberId == of));
            var chairs = members.Where(m => m.Role == CommitteeRole.Chair);
            foreach (var member in alternates.Concat(chairs).Where(m => m.Active).DistinctBy(m => m.Id).OrderBy(m => m.Id))
            {
                var theirs = _pages.Where(p => p.MemberId == member.Id).ToList();
                if (theirs.Any(p => p.AcknowledgedAt is not null || p.Reason == PageReason.Escalation))
                {
                    continue;
                }
                sent.Add(Page(member, PageReason.Escalation, now));
            }
        }
        if (now >= TargetAt)
        {
            MarkTargetMissed();
        }
        return sent;
    }

    /// <summary>
    /// The quorum among the acknowledged members: an incident lead, a decision-maker with authority of the MSSP,
    /// one of the customer, and a scribe (a chair or the secretary). Seats, not heads: each of the four seats is
    /// filled by a different person. A decider is there to weigh their side's business, a lead to run the response
    /// and a scribe to keep the record while the others talk; one person doing two of these in a crisis does
    /// neither well, and counting them twice would let two people "assemble" a committee of four duties. A person
    /// sits on one side, so no one can ever be the decider of both sides. Found by trying every assignment: a
    /// committee is a handful of people.
    /// </summary>
    public static QuorumSeats? FindQuorum(IEnumerable<CommitteeMember> acknowledged)
    {
        var present = acknowledged.Where(m => m.Active).DistinctBy(m => m.Id).OrderBy(m => m.Id).ToList();
        foreach (var lead in present.Where(m => m.CanLeadIncidents))
        {
            foreach (var mssp in present.Where(m => m.HasDecisionAuthority && m.Side == CommitteeSide.Mssp && m.Id != lead.Id))
            {
                foreach (var customer in present.Where(m => m.HasDecisionAuthority && m.Side == CommitteeSide.Customer && m.Id != lead.Id))
                {
                    var scribe = present.FirstOrDefault(m => m.KeepsRecord && m.Id != lead.Id && m.Id != mssp.Id && m.Id != customer.Id);
                    if (scribe is not null)
                    {
                        return new QuorumSeats(lead.Id, mssp.Id, customer.Id, scribe.Id);
                    }
                }
            }
        }
        return null;
    }

    // The members who have acknowledged, by the committee's member list.
    public IReadOnlyList<CommitteeMember> Acknowledged(IReadOnlyCollection<CommitteeMember> members)
    {
        var answered = _pages.Where(p => p.AcknowledgedAt is not null).Select(p => p.MemberId).ToHashSet();
        return [.. members.Where(m => answered.Contains(m.Id))];
    }

    private void CheckQuorum(DateTimeOffset at, IReadOnlyCollection<CommitteeMember> members)
    {
        if (QuorumAt is not null || FindQuorum(Acknowledged(members)) is not { } seats)
        {
            return;
        }
        SetQuorum(at, seats.LeadId, seats.ScribeId);
        if (State is ActivationState.Declared or ActivationState.Paging or ActivationState.Assembling)
        {
            State = ActivationState.InSession;
            SetInSession(at);
        }
    }

    // The session opened by hand (the chair decides to start before the quorum is complete): the quorum, when it
    // comes, is still recorded and still decides the target.
    public void OpenSession(DateTimeOffset at)
    {
        Require(State is ActivationState.Declared or ActivationState.Paging or ActivationState.Assembling, "is not assembling");
        State = ActivationState.InSession;
        SetInSession(at);
    }

    public bool UpdateOverdue(DateTimeOffset now) => State == ActivationState.InSession && NextUpdateDueAt is { } due && now > due;

    public void MarkStable(DateTimeOffset at)
    {
        Require(State == ActivationState.InSession, "is not in session");
        State = ActivationState.Stable;
        SetStable(at);
    }

    // The post-incident review, held and summarised: due within ReviewDueDays of stable.
    public void RecordReview(string summary, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        Require(State is ActivationState.Stable or ActivationState.Review, "is not stable yet");
        State = ActivationState.Review;
        SetReviewed(at, summary.Trim().Length > 8000 ? summary.Trim()[..8000] : summary.Trim());
    }

    public bool ReviewOverdue(DateTimeOffset now) => ReviewDueAt is { } due && ReviewedAt is null && now > due;

    public void Close(DateTimeOffset at)
    {
        Require(State == ActivationState.Review && ReviewedAt is not null, "has no review recorded");
        State = ActivationState.Closed;
        SetClosed(at);
    }

    // A false alarm: called off before the committee has stabilised anything.
    public void Cancel(DateTimeOffset at)
    {
        Require(State is ActivationState.Declared or ActivationState.Paging or ActivationState.Assembling or ActivationState.InSession, "is past cancelling");
        State = ActivationState.Cancelled;
        SetClosed(at);
    }

    // Acknowledgement times of one side: from each member's first page to their answer, in minutes; first and
    // median over the members who answered.
    public SideTiming TimingOf(CommitteeSide side)
    {
        var minutes = _pages.Where(p => p.Side == side).GroupBy(p => p.MemberId)
            .Where(g => g.Any(p => p.AcknowledgedAt is not null))
            .Select(g => (g.Min(p => p.AcknowledgedAt!.Value) - g.Min(p => p.SentAt)).TotalMinutes)
            .Order().ToList();
        var paged = _pages.Where(p => p.Side == side).Select(p => p.MemberId).Distinct().Count();
        if (minutes.Count == 0)
        {
            return new SideTiming(side, paged, 0, null, null);
        }
        var median = minutes.Count % 2 == 1 ? minutes[minutes.Count / 2] : (minutes[(minutes.Count / 2) - 1] + minutes[minutes.Count / 2]) / 2;
        return new SideTiming(side, paged, minutes.Count, minutes[0], median);
    }

    public TimeSpan? TimeToQuorum => QuorumAt - DeclaredAt;

    private void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Activation {Id} {what} ({State}).");
        }
    }

    // State changes; each sets its time once.
    internal void SetState(ActivationState state) => State = state;

    internal void SetQuorum(DateTimeOffset at, long incidentLead, long scribe)
    {
        (QuorumAt, IncidentLeadMemberId, ScribeMemberId) = (at, incidentLead, scribe);
        TargetMet ??= at <= TargetAt;
    }

    internal void MarkTargetMissed() => TargetMet ??= false;

    internal void SetInSession(DateTimeOffset at) => (InSessionAt, NextUpdateDueAt) = (InSessionAt ?? at, at.AddMinutes(StatusUpdateEveryMinutes));

    internal void SetStable(DateTimeOffset at) => (StableAt, NextUpdateDueAt, ReviewDueAt) = (at, null, at.AddDays(ReviewDueDays));

    internal void SetReviewed(DateTimeOffset at, string summary) => (ReviewedAt, ReviewSummary) = (at, summary);

    internal void SetClosed(DateTimeOffset at) => (ClosedAt, NextUpdateDueAt) = (at, null);
}

// Who filled the quorum's seats.
public sealed record QuorumSeats(long LeadId, long MsspDeciderId, long CustomerDeciderId, long ScribeId);

// One side's answer times, in minutes from each member's first page.
public sealed record SideTiming(CommitteeSide Side, int Paged, int Acknowledged, double? FirstMinutes, double? MedianMinutes);

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
