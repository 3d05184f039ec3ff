using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Calendar;

// The calendar page: the person's feeds (never their tokens: those are not stored), the committees they sit on, and
// the next meetings in their tenants with an invitation to download.
public sealed record GetCalendarPage : IQuery<CalendarPageViewModel>;

public sealed record CalendarPageViewModel(
    IReadOnlyList<CalendarPageViewModel.FeedRow> Feeds, IReadOnlyList<string> Seats, IReadOnlyList<CalendarPageViewModel.MeetingRow> Upcoming)
{
    // Set only in the answer to "create": the one time the address is shown.
    public string? NewFeedUrl { get; init; }

    public sealed record FeedRow(long Id, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastReadAt);

    public sealed record MeetingRow(long Id, string Title, string Committee, DateTimeOffset ScheduledAt, string TimeZone, MeetingStatus Status, int Sequence);
}

internal sealed class GetCalendarPageHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user) : IQueryHandler<GetCalendarPage, CalendarPageViewModel>
{
    public async ValueTask<CalendarPageViewModel> Handle(GetCalendarPage query, CancellationToken cancellationToken)
    {
        var userId = user.Id ?? "";
        var feeds = await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == userId).OrderByDescending(f => f.CreatedAt)
            .Select(f => new CalendarPageViewModel.FeedRow(f.Id, f.CreatedAt, f.RevokedAt, f.LastReadAt)).Take(10).ToListAsync(cancellationToken);
        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => m.UserId == userId && m.Active)
            .Join(db.Committees, m => m.CommitteeId, c => c.Id, (m, c) => c.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var upcoming = (await db.Meetings.AsNoTracking().Where(m => m.EndsAt >= now)
            .Join(db.Committees, m => m.CommitteeId, c => c.Id, (m, c) => new { Meeting = m, Committee = c.Name })
            .OrderBy(x => x.Meeting.ScheduledAt).Take(10).ToListAsync(cancellationToken))
            .Select(x => new CalendarPageViewModel.MeetingRow(x.Meeting.Id, x.Meeting.Title, x.Committee, x.Meeting.ScheduledAt, x.Meeting.TimeZone, x.Meeting.Status, x.Meeting.Sequence))
            .ToList();
        return new CalendarPageViewModel(feeds, seats, upcoming);
    }
}
