using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Calendar;

// A new calendar feed for the signed-in person; the feeds they had are revoked, so one address is live at a time.
// Returns the token, which is never stored and so never shown again.
public sealed record IssueCalendarFeed : ICommand<string?>;

internal sealed class IssueCalendarFeedHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user) : ICommandHandler<IssueCalendarFeed, string?>
{
    public async ValueTask<string?> Handle(IssueCalendarFeed command, CancellationToken cancellationToken)
    {
        if (user.Id is not { } userId)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        foreach (var old in await db.CalendarFeeds.Where(f => f.UserId == userId && f.RevokedAt == null).ToListAsync(cancellationToken))
        {
            old.Revoke(now);
        }
        var token = CalendarFeedToken.Create();
        db.CalendarFeeds.Add(CalendarFeed.Issue(userId, CalendarFeedToken.Hash(token), now));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }
}
