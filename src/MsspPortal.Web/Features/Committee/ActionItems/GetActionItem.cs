using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// One item as its edit form, with its tenant and status (null: not in reach).
public sealed record GetActionItem(long Id) : IQuery<ActionItemView?>;

public sealed record ActionItemView(CommitteeTenant Tenant, SaveActionItem Form, MsspPortal.Web.Domain.ActionItemStatus Status, string OriginText, string? OriginLink)
{
    public Guid TenantId => Tenant.Id;
}

internal sealed class GetActionItemHandler(PortalDbContext db) : IQueryHandler<GetActionItem, ActionItemView?>
{
    public async ValueTask<ActionItemView?> Handle(GetActionItem query, CancellationToken cancellationToken)
    {
        var item = await db.ActionItems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
        if (item is null)
        {
            return null;
        }
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == item.TenantId)
            .Select(t => new CommitteeTenant(t.Id, t.Slug, t.Name, t.TimeZone)).FirstAsync(cancellationToken);
        var (link, text) = ActionItemOrigins.Describe(item);
        return new ActionItemView(tenant, new SaveActionItem
        {
            Id = item.Id, TenantId = item.TenantId, Title = item.Title, Detail = item.Detail, OwnerMemberId = item.OwnerMemberId, DueOn = item.DueOn,
        }, item.Status, text, link);
    }
}
