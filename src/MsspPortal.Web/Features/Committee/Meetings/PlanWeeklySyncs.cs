using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// Plans the committee's weekly syncs for the next Weeks weeks from its rhythm (day, local time, length) in the
// tenant's zone, each with its agenda assembled, and refreshes the agenda of the syncs due within a week (the records
// of their week keep arriving). Idempotent: a local week that already has a weekly sync, whatever became of it
// (rescheduled to another day, cancelled), gets no second one, so no day ever has two.
public sealed record PlanWeeklySyncs(Guid TenantId, int Weeks = PlanWeeklySyncs.DefaultWeeks) : ICommand<PlannedSyncs>
{
    public const int DefaultWeeks = 4;
}

public sealed record PlannedSyncs(IReadOnlyList<long> Created, int Refreshed);

public sealed class PlanWeeklySyncsValidator : AbstractValidator<PlanWeeklySyncs>
{
    public PlanWeeklySyncsValidator()
    {
        RuleFor(c => c.TenantId).NotEmpty();
        RuleFor(c => c.Weeks).InclusiveBetween(1, 12);
    }
}

internal sealed class PlanWeeklySyncsHandler(PortalDbContext db, TimeProvider clock, ISender sender, AuditLog audit) : ICommandHandler<PlanWeeklySyncs, PlannedSyncs>
{
    public async ValueTask<PlannedSyncs> Handle(PlanWeeklySyncs command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.TenantId, cancellationToken);
        var committee = await db.Committees.FirstOrDefaultAsync(c => c.TenantId == command.TenantId, cancellationToken);
        if (tenant is null || committee?.SyncDay is not { } day)
        {
            return new PlannedSyncs([], 0);
        }
        var zone = SyncCalendar.Zone(tenant.TimeZone);
        var today = SyncCalendar.LocalDate(now, zone);
        // The next Weeks weeks from now: as many syncs as weeks, whether or not today's has already begun.
        var horizon = now.AddDays(7 * command.Weeks);
        var last = SyncCalendar.LocalDate(horizon, zone);
        // A day's margin on each side: the UTC span of local days differs from the local one by the zone's offset.
        var (from, to) = (SyncCalendar.ToUtc(SyncCalendar.WeekOf(today), TimeOnly.MinValue, zone).AddDays(-1),
            SyncCalendar.ToUtc(last.AddDays(8), TimeOnly.MinValue, zone));
        var existing = await db.Meetings.Where(m => m.CommitteeId == committee.Id && m.Kind == MeetingKind.Weekly && m.ScheduledAt >= from && m.ScheduledAt < to)
            .Select(m => m.ScheduledAt).ToListAsync(cancellationToken);
        var taken = existing.Select(at => SyncCalendar.WeekOf(SyncCalendar.LocalDate(at, zone))).ToHashSet();

        var created = new List<Meeting>();
        for (var date = today; date <= last; date = date.AddDays(1))
        {
            if (date.DayOfWeek != day || taken.Contains(SyncCalendar.WeekOf(date)))
            {
                continue;
            }
            var startsAt = SyncCalendar.ToUtc(date, committee.SyncTime, zone);
            if (startsAt <= now || startsAt > horizon)
            {
                continue; // today's sync has begun (too late to plan it), or the one four weeks on falls after the horizon
            }
            var meeting = Meeting.Schedule(committee, MeetingKind.Weekly, $"Weekly sync {date:yyyy-MM-dd}", startsAt,
                startsAt.AddMinutes(committee.SyncMinutes), zone.Id, null, now);
            db.Meetings.Add(meeting);
            created.Add(meeting);
            audit.Record(tenant.Id, "meeting.planned", nameof(Meeting), $"{date:yyyy-MM-dd}");
            taken.Add(SyncCalendar.WeekOf(date));
        }
        await db.SaveChangesAsync(cancellationToken);

        // New syncs get their agenda; those due within a week get what has happened since it was last assembled.
        var soon = now.AddDays(7);
        var refresh = await db.Meetings.Include(m => m.Agenda)
            .Where(m => m.CommitteeId == committee.Id && m.Kind == MeetingKind.Weekly && m.Status == MeetingStatus.Scheduled
                && m.ScheduledAt > now && m.ScheduledAt <= soon)
            .ToListAsync(cancellationToken);
        var assembler = new AgendaAssembler(db, sender);
        foreach (var meeting in created.Concat(refresh).DistinctBy(m => m.Id))
        {
            await assembler.AssembleAsync(meeting, tenant, now, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new PlannedSyncs([.. created.Select(m => m.Id)], refresh.Count(m => created.All(c => c.Id != m.Id)));
    }
}
