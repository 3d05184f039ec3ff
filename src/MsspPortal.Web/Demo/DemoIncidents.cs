using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Incidents;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// The demo's incidents, opened and closed through the incident handlers on a clock set to each step's time, after
// the older alerts were triaged. Only what the records say goes into the impact: the takeovers ended with "no
// fraudulent transfer completed" and no service interrupted (the triage's resolution), and the sale's DDoS ended
// with zero minutes of interruption (the story's sale result, on the joint live watch). Figures the records do not
// hold (harbor-bank's monthly hour of transaction interruption) are not invented: no outage is in the logs.
internal sealed class DemoIncidents(IServiceProvider services, string? analystId)
{
    public async Task<int> OpenAndCloseAsync(DemoCalendar calendar, CancellationToken cancellationToken)
    {
        var cutoff = calendar.Now.AddDays(-2);
        var opened = 0;
        var stories = new List<(string Slug, string Title, Func<Alert, bool> Belongs, string Service, string LossSource, string Summary, string Task)>
        {
            ("harbor-bank", "Account takeover of online banking customers", a => a.UserName is { } u && DemoLogs.HarborTakeoverVictims.Contains(u),
                "Online banking", "Triage record: accounts recovered, no fraudulent transfer completed; no service interrupted",
                "Sessions revoked and passwords reset; customers informed", "Revoke sessions and reset the victims' passwords"),
            ("orbit-saas", "Account takeover from a new market", a => a.UserName is { } u && DemoLogs.OrbitTakeoverVictims.Any(v => u.Equals(v + "@orbit.example", StringComparison.OrdinalIgnoreCase)),
                "", "Triage record: account recovered, no data exported; no service interrupted",
                "Account recovered before any data left", "Reset the account and review its sessions"),
            ("northwind-shop", "DDoS on checkout during the November sale", a => a.DestinationIp == DemoLogs.Checkout
                    && (DateOnly.FromDateTime(a.DetectedAt.UtcDateTime) == calendar.SalePeak || DateOnly.FromDateTime(a.DetectedAt.UtcDateTime) == calendar.SalePeak.AddDays(1)),
                "Checkout", "Joint live watch of the sale: orders kept flowing, zero minutes of interruption (sale review)",
                "Scrubbed at the edge; orders kept flowing", "Confirm the order rate with the shop during the attack"),
        };
        foreach (var story in stories)
        {
            var (tenantId, alerts, serviceId) = await LoadAsync(story.Slug, story.Service, cutoff, cancellationToken);
            // One incident per day the story happened on: a wave is one investigation. An alert the analysts closed as
            // a false positive (a victim's logon from their usual address) is no part of it.
            foreach (var day in alerts.Where(a => a.Disposition != AlertDisposition.FalsePositive && story.Belongs(a)).GroupBy(a => DateOnly.FromDateTime(a.DetectedAt.UtcDateTime)).OrderBy(g => g.Key))
            {
                var first = day.OrderBy(a => a.DetectedAt).First();
                var openedAt = first.AcknowledgedAt ?? first.DetectedAt.AddMinutes(10);
                var closedAt = day.Max(a => a.ResolvedAt ?? a.DetectedAt.AddHours(4));
                if (closedAt <= openedAt)
                {
                    closedAt = openedAt.AddHours(1);
                }
                var id = await SendAsync(tenantId, openedAt, (p, c, u, a) => new CreateIncidentHandler(p, c, u, a)
                    .Handle(new CreateIncident([.. day.Select(x => x.Id)], $"{story.Title} ({day.Key:yyyy-MM-dd})"), cancellationToken));
                if (analystId is not null)
                {
                    await SendAsync(tenantId, openedAt.AddMinutes(1), (p, c, u, a) => new AssignIncidentHandler(p, c, u, a).Handle(new AssignIncident(id, null, Me: true), cancellationToken));
                }
                await SendAsync(tenantId, openedAt.AddMinutes(2), (p, c, u, a) => new AddIncidentTaskHandler(p, c, u, a).Handle(new AddIncidentTask(id, story.Task, analystId), cancellationToken));
                var contained = openedAt + ((closedAt - openedAt) / 3);
                await SendAsync(tenantId, contained, (p, c, u, a) => new ChangeIncidentStatusHandler(p, c, u, a).Handle(new ChangeIncidentStatus(id, IncidentStatus.Contained, story.Summary), cancellationToken));
                var taskId = await LastTaskAsync(tenantId, id, cancellationToken);
                await SendAsync(tenantId, contained, (p, c, u, a) => new CompleteIncidentTaskHandler(p, c, u, a).Handle(new CompleteIncidentTask(id, taskId), cancellationToken));
                await SendAsync(tenantId, closedAt, (p, c, u, a) => new CloseIncidentHandler(p, c, u, a).Handle(new CloseIncident
                {
                    Id = id, BusinessServiceId = serviceId, DowntimeMinutes = 0, ActualLoss = 0, LossSource = story.LossSource, Summary = story.Summary,
                }, cancellationToken));
                opened++;
            }
        }
        return opened;
    }

    private async Task<(Guid TenantId, List<Alert> Alerts, long ServiceId)> LoadAsync(string slug, string service, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenantId = await db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.TenantId == tenantId && a.DetectedAt < cutoff).ToListAsync(cancellationToken);
        // The service the story names, else the first the tenant has (orbit-saas: its one platform).
        var candidates = await db.BusinessServices.AsNoTracking().Where(s => s.TenantId == tenantId).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var serviceId = (candidates.FirstOrDefault(s => s.Name == service) ?? candidates.First()).Id;
        return (tenantId, alerts, serviceId);
    }

    private async Task<long> LastTaskAsync(Guid tenantId, long incidentId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.IncidentTasks.Where(t => t.IncidentId == incidentId).MaxAsync(t => t.Id, cancellationToken);
    }

    // One step as the incident page makes it: the same handler, in the tenant's scope, as the analyst, at its time.
    private async Task<long> SendAsync(Guid tenantId, DateTimeOffset at, Func<PortalDbContext, TimeProvider, ICurrentUser, AuditLog, ValueTask<IncidentChange>> step)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var clock = new DemoClock(at);
        var user = new DemoAnalyst(analystId);
        var result = await step(db, clock, user, new AuditLog(db, user, clock));
        return result.IncidentId ?? throw new InvalidOperationException($"Demo incident step refused: {result.Error ?? "not found"}");
    }

    private sealed class DemoAnalyst(string? id) : ICurrentUser
    {
        public string? Id => id;

        public string? IpAddress => null;
    }
}
