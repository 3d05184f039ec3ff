using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value;
using MsspPortal.Web.Features.Value.Reports;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// The demo's monthly value reports, made as the product makes them, on the demo clock: each month's draft built at
// 02:00 on the 1st in the tenant's zone (what the dispatcher does), published two days later by the demo analyst,
// and at northwind-shop, the one tenant with a business owner among the demo people, acknowledged the day after,
// except one figure of one month that the owner disputes. The month just ended stays a draft, waiting for review.
internal sealed class DemoValueReports(IServiceProvider services)
{
    public const string DisputedSlug = "northwind-shop";

    public const string DisputeComment = "This range rests on MSSP default probabilities the committee has not approved yet; please review them before we quote it to the board.";

    public async Task<(int Built, int Published)> BuildAsync(DemoCalendar calendar, CancellationToken cancellationToken)
    {
        var analyst = await DemoActor.ForAsync(services, DemoSeeder.People[1].Email, cancellationToken);
        var owner = await DemoActor.ForAsync(services, DemoSeeder.People[2].Email, cancellationToken);
        var tenants = await TenantsAsync(cancellationToken);
        var (built, published) = (0, 0);
        foreach (var tenant in tenants)
        {
            var zone = ReportCalendar.Zone(tenant.TimeZone);
            var months = new List<DateOnly>();
            for (var month = new DateOnly(calendar.Start.Year, calendar.Start.Month, 1); ReportCalendar.EndsAt(month, zone) <= calendar.Now; month = month.AddMonths(1))
            {
                months.Add(month);
            }
            var disputed = months.Count >= 3 ? months[^3] : (DateOnly?)null;
            foreach (var month in months)
            {
                var builtAt = Min(ReportCalendar.DueAt(month, zone), calendar.Now);
                var result = await BuildOneAsync(tenant.Id, month, builtAt, cancellationToken);
                if (result.ReportId is not { } reportId)
                {
                    continue;
                }
                built++;
                // The month just ended waits for the analyst's review.
                if (month == months[^1] || analyst is null)
                {
                    continue;
                }
                var publishedAt = builtAt.AddDays(2).AddHours(8);
                await analyst.SendAsync<PublishValueReport, ValueReportChange, PublishValueReportHandler>(new PublishValueReport(reportId), publishedAt, cancellationToken);
                published++;
                if (owner is null || tenant.Slug != DisputedSlug)
                {
                    continue;
                }
                var answeredAt = publishedAt.AddDays(1);
                if (month == disputed)
                {
                    var key = await DisputedFigureAsync(reportId, cancellationToken);
                    await owner.SendAsync<DisputeValueReportFigure, ValueReportChange, DisputeValueReportFigureHandler>(
                        new DisputeValueReportFigure(reportId, key, DisputeComment), answeredAt, cancellationToken);
                }
                else
                {
                    await owner.SendAsync<AcknowledgeValueReport, ValueReportChange, AcknowledgeValueReportHandler>(new AcknowledgeValueReport(reportId), answeredAt, cancellationToken);
                }
            }
        }
        return (built, published);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // What the dispatcher's job does for the tenant, at the time it would have run.
    private async Task<BuildValueReportResult> BuildOneAsync(Guid tenantId, DateOnly month, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var handler = new BuildValueReportHandler(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), scope.ServiceProvider.GetRequiredService<ISender>(), new DemoClock(at));
        return await handler.Handle(new BuildValueReport(tenantId, month), cancellationToken);
    }

    // The estimate of loss avoided: the figure a business owner most naturally questions while its inputs are defaults.
    private async Task<string> DisputedFigureAsync(long reportId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var report = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetValueReport(reportId, DraftsOf: null), cancellationToken);
        var figures = report!.Figures.Figures;
        return (figures.FirstOrDefault(f => f.Key == ValueKeys.LossAvoided) ?? figures[0]).Key;
    }

    private async Task<List<(Guid Id, string Slug, string TimeZone)>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Slug, t.TimeZone }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Slug, r.TimeZone))];
    }
}
