using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Compliance.Breaches;

// The Art. 33(5) register: every breach of the tenants in reach, notified or not, with the clocks that run.
// Breaches are few (a handful a year per tenant), so the register is one page; the tenant filter scopes it.
public sealed record ListBreaches : IQuery<BreachRegisterViewModel>;

public sealed record BreachRegisterViewModel(IReadOnlyList<BreachRegisterViewModel.Row> Breaches, DateTimeOffset Now)
{
    public sealed record Row(
        long Id, string Tenant, long IncidentId, string Incident, DateTimeOffset DetectedAt, DateTimeOffset? TenantNotifiedAt, DateTimeOffset? TenantAwareAt,
        string Nature, string DataCategories, int? ApproximateDataSubjects, int? ApproximateRecords, string LikelyConsequences, string MeasuresTaken,
        BreachRegimes Regimes, bool CriticalInformationInfrastructure, int? CaliforniaResidents, IReadOnlyList<BreachClock> Clocks)
    {
        public bool Overdue => Clocks.Any(c => c.Overdue);
    }
}

internal sealed class ListBreachesHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListBreaches, BreachRegisterViewModel>
{
    public async ValueTask<BreachRegisterViewModel> Handle(ListBreaches query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var breaches = await db.PersonalDataBreaches.AsNoTracking().Include(b => b.Notifications)
            .OrderByDescending(b => b.DetectedAt).ThenByDescending(b => b.Id).ToListAsync(cancellationToken);
        var incidentIds = breaches.Select(b => b.IncidentId).ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var tenantIds = breaches.Select(b => b.TenantId).Distinct().ToList();
        var tenants = await db.Tenants.AsNoTracking().Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var rows = breaches.Select(b => new BreachRegisterViewModel.Row(
            b.Id, tenants.GetValueOrDefault(b.TenantId, ""), b.IncidentId, incidents.GetValueOrDefault(b.IncidentId, ""), b.DetectedAt, b.TenantNotifiedAt, b.TenantAwareAt,
            b.Nature, b.DataCategories, b.ApproximateDataSubjects, b.ApproximateRecords, b.LikelyConsequences, b.MeasuresTaken,
            b.Regimes, b.CriticalInformationInfrastructure, b.CaliforniaResidents, BreachClocks.For(b, now))).ToList();
        return new BreachRegisterViewModel(rows, now);
    }
}
