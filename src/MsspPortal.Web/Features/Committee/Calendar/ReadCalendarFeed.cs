using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.Calendar;

// A calendar application reading a person's feed, with no sign-in: the token names the person, and the feed holds
// the meetings of every committee they sit on (CommitteeMember.UserId), in every tenant they belong to. The request
// is anonymous, so its tenant scope is empty (fails closed); it is set here, explicitly, to the tenants of the
// person's memberships, as TenantScopeMiddleware would for them signed in. Null for an unknown or revoked token.
public sealed record ReadCalendarFeed(string Token) : ICommand<string?>;

internal sealed class ReadCalendarFeedHandler(PortalDbContext db, ITenantContext tenant, TimeProvider clock) : ICommandHandler<ReadCalendarFeed, string?>
{
    // A year back is plenty for a calendar; the future is whatever is scheduled.
    private static readonly TimeSpan History = TimeSpan.FromDays(366);

    public async ValueTask<string?> Handle(ReadCalendarFeed command, CancellationToken cancellationToken)
    {
        if (!CalendarFeedToken.IsWellFormed(command.Token))
        {
            return null;
        }
        var hash = CalendarFeedToken.Hash(command.Token);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
        if (feed is null || !feed.IsActive)
        {
            return null;
        }
        // Bootstrapping a scope reads memberships before one exists, as the middleware does.
        var tenants = await db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == feed.UserId).Select(m => m.TenantId).Distinct().ToListAsync(cancellationToken);
        tenant.SetScope(tenants, seesAll: false);

        var now = clock.GetUtcNow();
        var from = now - History;
        var committees = db.CommitteeMembers.Where(m => m.UserId == feed.UserId && m.Active).Select(m => m.CommitteeId);
        var entries = await MeetingCalendar.LoadAsync(db, db.Meetings.Where(m => committees.Contains(m.CommitteeId) && m.ScheduledAt >= from), cancellationToken);
        feed.Read(now);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingCalendar.Write(entries, "PUBLISH");
    }
}
