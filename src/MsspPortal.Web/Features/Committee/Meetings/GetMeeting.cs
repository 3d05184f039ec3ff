using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Meetings;

// One meeting as its page shows it: agenda, attendance, minutes, decisions and action items, and what the current
// user may do (act on it; close it, by their chair or secretary seat).
public sealed record GetMeeting(long MeetingId) : IQuery<MeetingViewModel?>;

public sealed record MeetingViewModel(
    long Id, Guid TenantId, string TenantName, MeetingKind Kind, string Title, MeetingStatus Status, string TimeZone,
    DateTimeOffset StartsLocal, DateTimeOffset EndsLocal, string? Location, DateTimeOffset? HeldLocal, DateTimeOffset? EndedLocal,
    string? Minutes, DateTimeOffset? ClosedLocal, string? ClosedBy, int Sequence,
    IReadOnlyList<MeetingViewModel.AgendaRow> Agenda, IReadOnlyList<MeetingViewModel.MemberRow> Members,
    IReadOnlyList<MeetingViewModel.DecisionRow> Decisions, IReadOnlyList<MeetingViewModel.ActionRow> Actions,
    string? KeeperSeat)
{
    public bool IsFinal => Status is MeetingStatus.Closed or MeetingStatus.Cancelled;

    public bool CanAct { get; init; }

    // What a rejected form held, to show it again with the reason.
    public MeetingForm Form { get; init; } = new();

    public sealed record AgendaRow(long Id, int Position, AgendaSource Source, string Title, string? Detail, string? Link, string? Notes, bool Discussed)
    {
        public bool CarriedOver => Source == AgendaSource.ActionItem && Title.StartsWith("Carried over", StringComparison.Ordinal);
    }

    public sealed record MemberRow(long Id, string Name, CommitteeSide Side, string Title, CommitteeRole Role, bool HasDecisionAuthority, bool? Present);

    public sealed record DecisionRow(long Id, string Text, string DecidedBy, bool Authorised, DateTimeOffset AtLocal);

    public sealed record ActionRow(long Id, string Title, string Owner, DateOnly? DueOn, ActionItemStatus Status);
}

// The fields of the page's forms as typed, and the refusal of the one that was sent.
public sealed record MeetingForm
{
    public string? Which { get; init; }

    public string? Error { get; init; }

    public long? ItemId { get; init; }

    public string? Title { get; init; }

    public string? Detail { get; init; }

    public string? Notes { get; init; }

    public string? Minutes { get; init; }

    public string? DecisionText { get; init; }

    public long? DeciderId { get; init; }

    public string? ActionTitle { get; init; }

    public long? OwnerId { get; init; }

    public string? DueOn { get; init; }

    public string? Date { get; init; }

    public string? Time { get; init; }

    public int? Length { get; init; }
}

internal sealed class GetMeetingHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<GetMeeting, MeetingViewModel?>
{
    public async ValueTask<MeetingViewModel?> Handle(GetMeeting query, CancellationToken cancellationToken)
    {
        var m = await db.Meetings.AsNoTracking().Include(x => x.Agenda).Include(x => x.Attendance)
            .FirstOrDefaultAsync(x => x.Id == query.MeetingId, cancellationToken);
        if (m is null)
        {
            return null;
        }
        var tenantName = await db.Tenants.Where(t => t.Id == m.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var zone = SyncCalendar.Zone(m.TimeZone);
        DateTimeOffset Local(DateTimeOffset at) => SyncCalendar.ToLocal(at, zone);
        var members = await db.CommitteeMembers.AsNoTracking().Where(x => x.CommitteeId == m.CommitteeId && x.Active)
            .OrderBy(x => x.Side).ThenBy(x => x.Role == CommitteeRole.Member).ThenBy(x => x.Name).ToListAsync(cancellationToken);
        var decisions = await db.CommitteeDecisions.AsNoTracking().Where(d => d.MeetingId == m.Id).OrderBy(d => d.DecidedAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Text, d.DecidedBy, d.Authorised, d.DecidedAt }).ToListAsync(cancellationToken);
        var actions = await db.ActionItems.AsNoTracking().Where(a => a.MeetingId == m.Id).OrderBy(a => a.Id)
            .Select(a => new MeetingViewModel.ActionRow(a.Id, a.Title, a.OwnerName, a.DueOn, a.Status)).ToListAsync(cancellationToken);
        var keeper = user.Id is { } userId
            ? members.FirstOrDefault(x => x.UserId == userId && x.KeepsRecord) is { } seat ? $"{seat.Name}, {seat.Role.ToString().ToLowerInvariant()}" : null
            : null;
        return new MeetingViewModel(m.Id, m.TenantId, tenantName, m.Kind, m.Title, m.Status, m.TimeZone, Local(m.ScheduledAt), Local(m.EndsAt), m.Location,
            m.HeldAt is { } h ? Local(h) : null, m.EndedAt is { } e ? Local(e) : null, m.Minutes, m.ClosedAt is { } c ? Local(c) : null, m.ClosedBy, m.Sequence,
            [.. m.Agenda.OrderBy(a => a.Position).Select(a => new MeetingViewModel.AgendaRow(a.Id, a.Position, a.Source, a.Title, a.Detail, a.Link, a.Notes, a.Discussed))],
            [.. members.Select(x => new MeetingViewModel.MemberRow(x.Id, x.Name, x.Side, x.Title, x.Role, x.HasDecisionAuthority,
                m.Attendance.FirstOrDefault(a => a.MemberId == x.Id)?.Present))],
            [.. decisions.Select(d => new MeetingViewModel.DecisionRow(d.Id, d.Text, d.DecidedBy, d.Authorised, Local(d.DecidedAt)))],
            actions, keeper);
    }
}
