using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

public sealed record ListBusinessServiceChoices(Guid? TenantId) : IQuery<IReadOnlyList<BusinessServiceChoice>>;

public sealed record BusinessServiceChoice(long Id, string Label);

internal sealed class ListBusinessServiceChoicesHandler(PortalDbContext db) : IQueryHandler<ListBusinessServiceChoices, IReadOnlyList<BusinessServiceChoice>>
{
    public async ValueTask<IReadOnlyList<BusinessServiceChoice>> Handle(ListBusinessServiceChoices query, CancellationToken cancellationToken)
    {
        var services = db.BusinessServices.AsNoTracking();
        if (query.TenantId is { } tenantId)
        {
            services = services.Where(s => s.TenantId == tenantId);
        }
        return await services.Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new BusinessServiceChoice(x.s.Id, x.t.Name + " · " + x.s.Name))
            .ToListAsync(cancellationToken);
    }
}
