using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.ProtectionWindows;

public sealed record ListProtectionWindows(Guid TenantId) : IQuery<ProtectionWindowListViewModel>;

public sealed record ProtectionWindowListViewModel(Guid TenantId, IReadOnlyList<ProtectionWindow> Windows);

internal sealed class ListProtectionWindowsHandler(PortalDbContext db)
    : IQueryHandler<ListProtectionWindows, ProtectionWindowListViewModel>
{
    public async ValueTask<ProtectionWindowListViewModel> Handle(ListProtectionWindows query, CancellationToken cancellationToken) =>
        new(query.TenantId, await db.ProtectionWindows.AsNoTracking().Where(w => w.TenantId == query.TenantId)
            .OrderByDescending(w => w.EndsAt).ToListAsync(cancellationToken));
}
