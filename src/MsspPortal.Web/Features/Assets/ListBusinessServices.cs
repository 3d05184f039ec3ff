using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

// A business service: list, choices for the asset form, create and edit. Small enough to share one file.
public sealed record ListBusinessServices : IQuery<IReadOnlyList<BusinessServiceRow>>;

public sealed record BusinessServiceRow(long Id, string Tenant, string Name, string? Description, decimal RevenuePerHour,
    decimal DowntimeCostPerHour, TimeOnly Start, TimeOnly End, BusinessDays Days, string Currency, int Assets);

internal sealed class ListBusinessServicesHandler(PortalDbContext db) : IQueryHandler<ListBusinessServices, IReadOnlyList<BusinessServiceRow>>
{
    public async ValueTask<IReadOnlyList<BusinessServiceRow>> Handle(ListBusinessServices query, CancellationToken cancellationToken) =>
        await db.BusinessServices.AsNoTracking()
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new BusinessServiceRow(x.s.Id, x.t.Name, x.s.Name, x.s.Description, x.s.RevenuePerHour, x.s.DowntimeCostPerHour,
                x.s.BusinessHoursStart, x.s.BusinessHoursEnd, x.s.BusinessDays, x.t.Currency, db.Assets.Count(a => a.BusinessServiceId == x.s.Id)))
            .ToListAsync(cancellationToken);
}
