using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// The tenant's action-item board: open, in progress, and what was done or dropped recently, each card with its
// owner, due date (overdue marked in the tenant's days) and the record it came from; filtered by owner and origin.
public sealed record ListActionItems(CommitteeTenant Tenant, long? Owner, ActionItemOrigin? Origin) : IQuery<ActionItemBoard>;

public sealed record ActionItemBoard(CommitteeTenant Tenant, DateOnly Today, long? Owner, ActionItemOrigin? Origin, IReadOnlyList<MemberOption> Owners,
    IReadOnlyList<ActionItemBoard.Card> Items, int OlderClosed)
{
    // Done and dropped items stay on the board this long after they closed.
    public const int RecentDays = 90;

    public bool CanAct { get; init; }

    public IEnumerable<Card> In(ActionItemStatus status) => Items.Where(i => i.Status == status);

    public sealed record Card(long Id, string Title, string? Detail, string Owner, DateOnly? DueOn, ActionItemStatus Status, DateTimeOffset CreatedAt,
        DateTimeOffset? CompletedAt, string? Outcome, ActionItemOrigin Origin, string? OriginLink, string OriginText, bool Overdue);
}

internal sealed class ListActionItemsHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListActionItems, ActionItemBoard>
{
    public async ValueTask<ActionItemBoard> Handle(ListActionItems query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, query.Tenant.Zone).DateTime);
        var since = now.AddDays(-ActionItemBoard.RecentDays);
        var items = db.ActionItems.AsNoTracking().Where(a => a.TenantId == query.Tenant.Id);
        if (query.Owner is { } owner)
        {
            items = items.Where(a => a.OwnerMemberId == owner);
        }
        if (query.Origin is { } origin)
        {
            items = items.Where(a => a.Origin == origin);
        }
        var shown = await items.Where(a => a.Status == ActionItemStatus.Open || a.Status == ActionItemStatus.InProgress || a.CompletedAt >= since)
            .ToListAsync(cancellationToken);
        var older = await items.CountAsync(a => (a.Status == ActionItemStatus.Done || a.Status == ActionItemStatus.Dropped) && a.CompletedAt < since, cancellationToken);
        var owners = await db.CommitteeMembers.AsNoTracking().Where(m => m.TenantId == query.Tenant.Id)
            .OrderByDescending(m => m.Active).ThenBy(m => m.Name).Select(m => new MemberOption(m.Id, m.Name, m.Side, m.Title)).ToListAsync(cancellationToken);
        var cards = shown
            .OrderByDescending(a => a.IsOverdue(today)).ThenBy(a => a.DueOn ?? DateOnly.MaxValue).ThenByDescending(a => a.CompletedAt).ThenBy(a => a.Id)
            .Select(a =>
            {
                var (link, text) = ActionItemOrigins.Describe(a);
                return new ActionItemBoard.Card(a.Id, a.Title, a.Detail, a.OwnerName, a.DueOn, a.Status, a.CreatedAt, a.CompletedAt, a.Outcome, a.Origin,
                    link, text, a.IsOverdue(today));
            })
            .ToList();
        return new ActionItemBoard(query.Tenant, today, query.Owner, query.Origin, owners, cards, older);
    }
}
