using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Profile;

// The tenant's business as the value report reads it: the profile (empty until someone enters it) and the business
// services' money fields, which are edited with the services themselves (Assets → Business services).
public sealed record GetBusinessProfile(Guid TenantId) : IQuery<BusinessProfileViewModel?>;

public sealed record BusinessProfileViewModel(
    Guid TenantId,
    string TenantName,
    string Currency,
    bool Entered,
    decimal? CustomerStaffHourlyCost,
    decimal? AverageFraudLoss,
    ValueBaseline Baseline,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    IReadOnlyList<BusinessProfileViewModel.Service> Services)
{
    public sealed record Service(long Id, string Name, decimal RevenuePerHour, decimal DowntimeCostPerHour, TimeOnly Start, TimeOnly End, BusinessDays Days);
}

internal sealed class GetBusinessProfileHandler(PortalDbContext db) : IQueryHandler<GetBusinessProfile, BusinessProfileViewModel?>
{
    public async ValueTask<BusinessProfileViewModel?> Handle(GetBusinessProfile query, CancellationToken cancellationToken)
    {
        // The tenant filter applies to tenants as well: a tenant out of scope is not found.
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == query.TenantId)
            .Select(t => new { t.Id, t.Name, t.Currency }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        var profile = await db.BusinessProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenant.Id, cancellationToken);
        var services = await db.BusinessServices.AsNoTracking().Where(s => s.TenantId == tenant.Id).OrderBy(s => s.Name)
            .Select(s => new BusinessProfileViewModel.Service(s.Id, s.Name, s.RevenuePerHour, s.DowntimeCostPerHour, s.BusinessHoursStart, s.BusinessHoursEnd, s.BusinessDays))
            .ToListAsync(cancellationToken);
        var names = await PeopleNames.LoadAsync(db, [profile?.UpdatedBy], cancellationToken);
        return new BusinessProfileViewModel(tenant.Id, tenant.Name, tenant.Currency, profile is not null, profile?.CustomerStaffHourlyCost,
            profile?.AverageFraudLoss, profile?.Baseline ?? new ValueBaseline(), profile?.UpdatedAt, PeopleNames.Of(names, profile?.UpdatedBy), services);
    }
}

// The tenant's name and currency, for a form's headings and the currency beside each amount field.
public sealed record GetTenantMoney(Guid TenantId) : IQuery<TenantMoney?>;

public sealed record TenantMoney(string TenantName, string Currency);

internal sealed class GetTenantMoneyHandler(PortalDbContext db) : IQueryHandler<GetTenantMoney, TenantMoney?>
{
    public async ValueTask<TenantMoney?> Handle(GetTenantMoney query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == query.TenantId).Select(t => new TenantMoney(t.Name, t.Currency)).FirstOrDefaultAsync(cancellationToken);
}
