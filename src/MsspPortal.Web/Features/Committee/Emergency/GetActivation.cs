using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// One activation as the session page shows it: the timeline (declaration, pages and answers, quorum, updates,
// decisions, steps), the measures, the review and its follow-ups, and the forms of the steps still open.
public sealed record GetActivation(long Id) : IQuery<ActivationViewModel?>;

public sealed record ActivationViewModel(long Id, Guid TenantId, string Tenant, string Committee, string Reason, ActivationState State,
    DateTimeOffset DeclaredAt, string DeclaredBy, long? IncidentId, string? IncidentTitle, long? AlertId, long? MeetingId, DateTimeOffset Now,
    ActivationMeasures Measures, string? Lead, string? Scribe, DateTimeOffset? InSessionAt, DateTimeOffset? NextUpdateDueAt, bool UpdateOverdue,
    DateTimeOffset? StableAt, DateTimeOffset? ReviewDueAt, bool ReviewOverdue, DateTimeOffset? ReviewedAt, string? ReviewSummary, DateTimeOffset? ClosedAt,
    IReadOnlyList<ActivationViewModel.PageRow> Pages, IReadOnlyList<ActivationViewModel.Entry> Timeline,
    IReadOnlyList<ActivationViewModel.DecisionRow> Decisions, IReadOnlyList<ActivationViewModel.FollowUp> FollowUps,
    IReadOnlyList<ActivationViewModel.Member> Members, bool MailEnabled, bool MyPagesOpen)
{
    public bool IsActive => State is not (ActivationState.Closed or ActivationState.Cancelled);

    public bool Assembling => State is ActivationState.Declared or ActivationState.Paging or ActivationState.Assembling;

    // Filled by the controller from the caller's rights and seat.
    public bool CanAct { get; init; }

    public bool CanAcknowledge { get; init; }

    public bool CanClose { get; init; }

    // A rejected form's input and the reason, shown again.
    public ActivationForm Form { get; init; } = new();

    public sealed record PageRow(string Member, CommitteeSide Side, string Title, PageReason Round, DateTimeOffset SentAt, DateTimeOffset? EmailedAt,
        DateTimeOffset? AcknowledgedAt);

    public sealed record Entry(DateTimeOffset At, string Kind, string Text, bool Warning = false);

    public sealed record DecisionRow(DateTimeOffset At, string Text, string DecidedBy, bool Authorised, string RecordedBy);

    public sealed record FollowUp(long Id, string Title, string Owner, DateOnly? DueOn, ActionItemStatus Status);

    public sealed record Member(long Id, string Name, CommitteeSide Side, string Title, bool HasDecisionAuthority);
}

public sealed record ActivationForm
{
    public string? Error { get; init; }

    public string? UpdateText { get; init; }

    public string? DecisionText { get; init; }

    public long? DeciderId { get; init; }

    public string? ReviewSummary { get; init; }

    public string? FollowUpTitle { get; init; }

    public long? FollowUpOwnerId { get; init; }

    public DateOnly? FollowUpDueOn { get; init; }
}

// The measures of an activation, for the list and the session page.
public sealed record ActivationMeasures(DateTimeOffset TargetAt, bool? TargetMet, DateTimeOffset? QuorumAt, TimeSpan? TimeToQuorum, SideTiming Mssp, SideTiming Customer)
{
    public static ActivationMeasures Of(EmergencyActivation a) =>
        new(a.TargetAt, a.TargetMet, a.QuorumAt, a.TimeToQuorum, a.TimingOf(CommitteeSide.Mssp), a.TimingOf(CommitteeSide.Customer));
}

internal sealed class GetActivationHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, IPageSender sender) : IQueryHandler<GetActivation, ActivationViewModel?>
{
    public async ValueTask<ActivationViewModel?> Handle(GetActivation query, CancellationToken cancellationToken)
    {
        var a = await db.EmergencyActivations.AsNoTracking().Include(x => x.Pages).Include(x => x.Updates).FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (a is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == a.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var committee = await db.Committees.AsNoTracking().Where(c => c.Id == a.CommitteeId).Select(c => c.Name).FirstAsync(cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeId == a.CommitteeId).ToListAsync(cancellationToken);
        var byId = members.ToDictionary(m => m.Id);
        string NameOf(long id) => byId.TryGetValue(id, out var m) ? m.Name : $"member {id}";
        var incidentTitle = a.IncidentId is null ? null : await db.Incidents.AsNoTracking().Where(i => i.Id == a.IncidentId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        var decisions = await db.CommitteeDecisions.AsNoTracking().Where(d => d.ActivationId == a.Id).OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        var followUps = await db.ActionItems.AsNoTracking().Where(i => i.ActivationId == a.Id).OrderBy(i => i.DueOn).ThenBy(i => i.Id)
            .Select(i => new ActivationViewModel.FollowUp(i.Id, i.Title, i.OwnerName, i.DueOn, i.Status)).ToListAsync(cancellationToken);
        var declaredBy = await db.Users.AsNoTracking().Where(u => u.Id == a.DeclaredBy).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? a.DeclaredBy;

        var pages = a.Pages.OrderBy(p => p.SentAt).ThenBy(p => p.Id)
            .Select(p => new ActivationViewModel.PageRow(NameOf(p.MemberId), p.Side, byId.TryGetValue(p.MemberId, out var m) ? m.Title : "", p.Reason, p.SentAt, p.EmailedAt, p.AcknowledgedAt))
            .ToList();
        var timeline = new List<ActivationViewModel.Entry> { new(a.DeclaredAt, "Declared", $"{a.Reason} — by {declaredBy}") };
        foreach (var round in a.Pages.GroupBy(p => (p.SentAt, p.Reason)).OrderBy(g => g.Key.SentAt))
        {
            var label = round.Key.Reason switch { PageReason.Repeat => "Paged again", PageReason.Escalation => "Escalated to", _ => "Paged" };
            timeline.Add(new(round.Key.SentAt, label, string.Join(", ", round.OrderBy(p => p.Side).Select(p => $"{NameOf(p.MemberId)} ({Side(p.Side)})"))));
        }
        foreach (var answer in a.Pages.Where(p => p.AcknowledgedAt is not null).GroupBy(p => p.MemberId).Select(g => g.OrderBy(p => p.AcknowledgedAt).First()))
        {
            timeline.Add(new(answer.AcknowledgedAt!.Value, "Acknowledged", $"{NameOf(answer.MemberId)} ({Side(answer.Side)})"));
        }
        if (a.TargetMet == false)
        {
            timeline.Add(new(a.QuorumAt is { } q && q > a.TargetAt ? a.TargetAt : a.TargetAt, "Target missed", $"No quorum within {JointCommittee.ActivationTargetMinutes} minutes", Warning: true));
        }
        if (a.QuorumAt is { } quorum)
        {
            var lead = a.IncidentLeadMemberId is { } l ? NameOf(l) : "?";
            var scribe = a.ScribeMemberId is { } s ? NameOf(s) : "?";
            timeline.Add(new(quorum, "Quorum", $"Lead {lead}, scribe {scribe}; deciders of both sides present"));
        }
        if (a.InSessionAt is { } inSession)
        {
            timeline.Add(new(inSession, "In session", a.QuorumAt == inSession ? "Opened at quorum" : "Opened by hand"));
        }
        timeline.AddRange(a.Updates.Select(u => new ActivationViewModel.Entry(u.At, "Status update", $"{u.Text} — {u.By}")));
        timeline.AddRange(decisions.Select(d => new ActivationViewModel.Entry(d.DecidedAt, "Decision", $"{d.Text} — {d.DecidedBy}{(d.Authorised ? "" : " (not authorised)")}", !d.Authorised)));
        if (a.StableAt is { } stable)
        {
            timeline.Add(new(stable, "Stable", $"Review due by {a.ReviewDueAt:yyyy-MM-dd HH:mm}"));
        }
        if (a.ReviewedAt is { } reviewed)
        {
            timeline.Add(new(reviewed, "Reviewed", a.ReviewSummary ?? ""));
        }
        if (a.ClosedAt is { } closed)
        {
            timeline.Add(new(closed, a.State == ActivationState.Cancelled ? "Cancelled" : "Closed", ""));
        }
        var mine = members.Where(m => m.UserId != null && m.UserId == user.Id).Select(m => m.Id).ToHashSet();
        return new ActivationViewModel(a.Id, a.TenantId, tenant, committee, a.Reason, a.State, a.DeclaredAt, declaredBy, a.IncidentId, incidentTitle, a.AlertId,
            a.MeetingId, now, ActivationMeasures.Of(a),
            a.IncidentLeadMemberId is { } leadId ? NameOf(leadId) : null, a.ScribeMemberId is { } scribeId ? NameOf(scribeId) : null,
            a.InSessionAt, a.NextUpdateDueAt, a.UpdateOverdue(now), a.StableAt, a.ReviewDueAt, a.ReviewOverdue(now), a.ReviewedAt, a.ReviewSummary, a.ClosedAt,
            pages, [.. timeline.OrderBy(e => e.At)],
            [.. decisions.Select(d => new ActivationViewModel.DecisionRow(d.DecidedAt, d.Text, d.DecidedBy, d.Authorised, d.RecordedBy))], followUps,
            [.. members.Where(m => m.Active).OrderBy(m => m.Side).ThenBy(m => m.Name).Select(m => new ActivationViewModel.Member(m.Id, m.Name, m.Side, m.Title, m.HasDecisionAuthority))],
            sender.Enabled, a.IsActive && a.Pages.Any(p => mine.Contains(p.MemberId) && p.AcknowledgedAt is null))
        {
            CanClose = members.Any(m => mine.Contains(m.Id) && m.Active && m.KeepsRecord),
        };
    }

    internal static string Side(CommitteeSide side) => side == CommitteeSide.Mssp ? "MSSP" : "customer";
}
