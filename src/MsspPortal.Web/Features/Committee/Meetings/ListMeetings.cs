using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.Meetings;

// One tenant's meetings: the upcoming ones (soonest first) and the past ones (latest first), of one kind or all.
public sealed record ListMeetings(Guid TenantId, MeetingKind? Kind) : IQuery<MeetingListViewModel?>;

public sealed record MeetingListViewModel(Guid TenantId, string TenantName, string TimeZone, MeetingKind? Kind, bool HasCommittee,
    string? Rhythm, IReadOnlyList<MeetingListViewModel.Row> Upcoming, IReadOnlyList<MeetingListViewModel.Row> Past)
{
    public sealed record Row(long Id, MeetingKind Kind, string Title, MeetingStatus Status, DateTimeOffset StartsLocal, int AgendaItems, int Decisions, int Actions);
}

internal sealed class ListMeetingsHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListMeetings, MeetingListViewModel?>
{
    public async ValueTask<MeetingListViewModel?> Handle(ListMeetings query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.TenantId, cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        var zone = SyncCalendar.Zone(tenant.TimeZone);
        var committee = await db.Committees.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenant.Id, cancellationToken);
        var meetings = db.Meetings.AsNoTracking().Where(m => m.TenantId == tenant.Id);
        if (query.Kind is { } kind)
        {
            meetings = meetings.Where(m => m.Kind == kind);
        }
        var rows = await meetings
            .Select(m => new
            {
                m.Id, m.Kind, m.Title, m.Status, m.ScheduledAt, m.TimeZone,
                Agenda = m.Agenda.Count,
                Decisions = db.CommitteeDecisions.Count(d => d.MeetingId == m.Id),
                Actions = db.ActionItems.Count(a => a.MeetingId == m.Id),
            })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var all = rows.Select(r => (r.ScheduledAt, Upcoming: r.Status is MeetingStatus.Scheduled or MeetingStatus.Held && r.ScheduledAt.AddDays(1) > now,
            Row: new MeetingListViewModel.Row(r.Id, r.Kind, r.Title, r.Status, SyncCalendar.ToLocal(r.ScheduledAt, SyncCalendar.Zone(r.TimeZone)), r.Agenda, r.Decisions, r.Actions))).ToList();
        var rhythm = committee?.SyncDay is { } day ? $"Weekly sync every {day} at {committee.SyncTime:HH\\:mm} ({tenant.TimeZone}), {committee.SyncMinutes} minutes" : null;
        return new MeetingListViewModel(tenant.Id, tenant.Name, zone.Id, query.Kind, committee is not null, rhythm,
            [.. all.Where(r => r.Upcoming).OrderBy(r => r.ScheduledAt).Select(r => r.Row)],
            [.. all.Where(r => !r.Upcoming).OrderByDescending(r => r.ScheduledAt).Select(r => r.Row)]);
    }
}
