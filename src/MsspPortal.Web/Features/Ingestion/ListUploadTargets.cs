using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Ingestion;

// The sources an analyst may upload to: those of the tenants in scope.
public sealed record ListUploadTargets : IQuery<IReadOnlyList<UploadTarget>>;

public sealed record UploadTarget(long LogSourceId, Guid TenantId, string Label);

internal sealed class ListUploadTargetsHandler(PortalDbContext db) : IQueryHandler<ListUploadTargets, IReadOnlyList<UploadTarget>>
{
    public async ValueTask<IReadOnlyList<UploadTarget>> Handle(ListUploadTargets query, CancellationToken cancellationToken) =>
        await db.LogSources.AsNoTracking()
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new UploadTarget(x.s.Id, x.t.Id, x.t.Name + " · " + x.s.Name + " (" + x.s.Vendor + " " + x.s.Product + ")"))
            .ToListAsync(cancellationToken);
}
