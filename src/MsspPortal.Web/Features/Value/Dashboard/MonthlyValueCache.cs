using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using MsspPortal.Web.Data;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Dashboard;

// The trend charts need twelve months of figures, and a month's loss-avoided estimate is a Monte Carlo over every attack
// stopped in it (10,000 draws each) plus a dozen queries: tens of milliseconds per month, twelve of them far over the
// page's budget if computed on every view (docs/performance.md). Months are kept in memory, keyed by tenant, month and a watermark of the tenant's records, so any
// triage, impact record, profile edit, assumption revision or reported figure recomputes them. The current month also
// changes as time passes without any row changing (an open alert's deadline expiring), so its entry lives at most
// CurrentMonthAge; an ended month lives until its watermark moves (or it sits unused for a day).
internal sealed class MonthlyValueCache(ISender sender, PortalDbContext db, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan CurrentMonthAge = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Idle = TimeSpan.FromDays(1);

    public async Task<ValueFigures> GetAsync(Guid tenantId, int year, int month, string watermark, CancellationToken cancellationToken)
    {
        var key = (nameof(MonthlyValueCache), tenantId, year, month, watermark);
        if (cache.TryGetValue(key, out ValueFigures? cached) && cached is not null)
        {
            return cached;
        }
        var figures = await sender.Send(new ComputeMonthlyValue(tenantId, year, month), cancellationToken);
        var options = new MemoryCacheEntryOptions { SlidingExpiration = Idle };
        if (figures.To > clock.GetUtcNow())
        {
            options.AbsoluteExpirationRelativeToNow = CurrentMonthAge;
        }
        cache.Set(key, figures, options);
        return figures;
    }

    // What the value model reads, reduced to a few indexed maxima and small-table reads: any triage, impact record,
    // profile edit, assumption revision or reported figure moves it, and with it every cached month of the tenant.
    // (An event stamped back in an old month by a late batch moves it only through the alerts it raises.)
    public async Task<string> WatermarkAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        // Every change to an alert writes a history row (raising it too), so the tenant's last history id moves with any
        // alert change, back-dated ones included. (A scan of the tenant's part of the (TenantId, At) index: measured
        // in docs/performance.md.)
        var alertHistory = await db.AlertHistory.AsNoTracking().Where(h => h.TenantId == tenantId)
            .Select(h => (long?)h.Id).MaxAsync(cancellationToken);
        var lastEvent = await db.SecurityEvents.AsNoTracking().Where(e => e.TenantId == tenantId)
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.TenantId == tenantId)
            .OrderByDescending(i => i.OpenedAt).Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);
        var incidentHistory = await db.IncidentHistory.AsNoTracking().Where(h => h.TenantId == tenantId)
            .Select(h => (long?)h.Id).MaxAsync(cancellationToken);
        var profile = await db.BusinessProfiles.AsNoTracking().Where(p => p.TenantId == tenantId)
            .Select(p => (DateTimeOffset?)p.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var assumptions = await db.ValueAssumptionSets.AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => (int?)s.Version).MaxAsync(cancellationToken);
        var approvals = await db.ValueAssumptions.AsNoTracking().Where(a => a.TenantId == tenantId && a.ApprovedAt != null)
            .Select(a => a.ApprovedAt!.Value).ToListAsync(cancellationToken);
        var reported = await db.ReportedFigures.AsNoTracking().Where(f => f.TenantId == tenantId)
            .Select(f => new { f.Id, f.ReportedAt, f.CausalityConfirmedBy }).ToListAsync(cancellationToken);
        var services = await db.BusinessServices.AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => new { s.Id, s.RevenuePerHour, s.DowntimeCostPerHour }).ToListAsync(cancellationToken);
        var assets = await db.Assets.AsNoTracking().Where(a => a.TenantId == tenantId && a.BusinessServiceId != null)
            .Select(a => new { a.Id, a.BusinessServiceId }).ToListAsync(cancellationToken);
        var contracts = await db.ServiceContracts.AsNoTracking().Where(c => c.TenantId == tenantId)
            .Select(c => new { c.Id, c.StartsOn, c.EndsOn, Targets = c.SlaTargets.Count }).ToListAsync(cancellationToken);

        var hash = new HashCode();
        hash.Add(alertHistory);
        hash.Add(lastEvent);
        hash.Add(incidents);
        hash.Add(incidentHistory);
        hash.Add(profile);
        hash.Add(assumptions);
        hash.Add(approvals.Count == 0 ? (DateTimeOffset?)null : approvals.Max());
        foreach (var figure in reported.OrderBy(f => f.Id))
        {
            hash.Add(figure.Id);
            hash.Add(figure.ReportedAt);
            hash.Add(figure.CausalityConfirmedBy);
        }
        foreach (var service in services.OrderBy(s => s.Id))
        {
            hash.Add(service.Id);
            hash.Add(service.RevenuePerHour);
            hash.Add(service.DowntimeCostPerHour);
        }
        foreach (var asset in assets.OrderBy(a => a.Id))
        {
            hash.Add(asset.Id);
            hash.Add(asset.BusinessServiceId);
        }
        foreach (var contract in contracts.OrderBy(c => c.Id))
        {
            hash.Add(contract.Id);
            hash.Add(contract.StartsOn);
            hash.Add(contract.EndsOn);
            hash.Add(contract.Targets);
        }
        // HashCode is per process, as the cache is: the key never leaves memory.
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{hash.ToHashCode():x8}.{reported.Count}.{alertHistory}");
    }
}
