using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Calendar;

// Ends one of the signed-in person's feeds: its address answers 404 from then on. Someone else's feed is not found.
public sealed record RevokeCalendarFeed(long FeedId) : ICommand<bool>;

internal sealed class RevokeCalendarFeedHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user) : ICommandHandler<RevokeCalendarFeed, bool>
{
    public async ValueTask<bool> Handle(RevokeCalendarFeed command, CancellationToken cancellationToken)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.Id == command.FeedId && f.UserId == user.Id, cancellationToken);
        if (feed is null)
        {
            return false;
        }
        feed.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
