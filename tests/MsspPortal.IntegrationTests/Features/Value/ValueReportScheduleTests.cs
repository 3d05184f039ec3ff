using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Reports;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Value;

/// <summary>The portal on a clock the test moves: the report dispatcher's hours.</summary>
public sealed class ReportClockFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

/// <summary>
/// The hourly dispatcher builds each tenant's report of the month just ended once its local time has passed 02:00 on
/// the 1st: Asia/Shanghai (UTC+8) at 18:00 UTC on the last day, a UTC tenant eight hours later; a rerun adds nothing.
/// </summary>
public sealed class ValueReportScheduleTests(ReportClockFactory factory) : IClassFixture<ReportClockFactory>
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public async Task Each_tenant_gets_the_month_just_ended_at_two_in_the_morning_of_its_own_time_zone()
    {
        var shanghai = await AddTenantAsync("Asia/Shanghai");
        var utc = await AddTenantAsync("UTC");

        await TickAsync(new DateTimeOffset(2026, 11, 30, 17, 59, 0, TimeSpan.Zero), shanghai, utc);
        var beforeTwoInShanghai = await NovemberReportsAsync(shanghai, utc);
        await TickAsync(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero), shanghai, utc);
        var atTwoInShanghai = await NovemberReportsAsync(shanghai, utc);
        await TickAsync(new DateTimeOffset(2026, 12, 1, 1, 59, 0, TimeSpan.Zero), shanghai, utc);
        var beforeTwoUtc = await NovemberReportsAsync(shanghai, utc);
        await TickAsync(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), shanghai, utc);
        var atTwoUtc = await NovemberReportsAsync(shanghai, utc);
        var rerun = await TickAsync(new DateTimeOffset(2026, 12, 1, 3, 5, 0, TimeSpan.Zero), shanghai, utc);

        Assert.Empty(beforeTwoInShanghai);
        Assert.Equal([shanghai], atTwoInShanghai);
        Assert.Equal([shanghai], beforeTwoUtc);
        Assert.Equal([shanghai, utc], atTwoUtc.OrderBy(id => id == utc));
        Assert.Empty(rerun);
        await using var scope = factory.PlatformScope(out var db);
        var built = await db.ValueReports.Where(r => r.TenantId == shanghai || r.TenantId == utc).ToListAsync();
        Assert.All(built, r => Assert.Equal(ValueReportStatus.Draft, r.Status));
        // The Shanghai report was built at 18:00 UTC, the UTC one at 02:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero), built.Single(r => r.TenantId == shanghai && r.Month == November).BuiltAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), built.Single(r => r.TenantId == utc && r.Month == November).BuiltAt);
    }

    [Fact]
    public void The_dispatcher_is_on_the_schedule_hourly_in_UTC()
    {
        var manager = new Mock<IRecurringJobManager>();
        MsspPortal.Web.Infrastructure.Jobs.RecurringJobs.Register(manager.Object,
            factory.Services.GetServices<MsspPortal.Web.Infrastructure.Jobs.IRecurringJobSchedule>());

        manager.Verify(m => m.AddOrUpdate(BuildValueReportsJob.RecurringJobId,
            It.Is<Job>(j => j.Type == typeof(BuildValueReportsJob) && j.Method.Name == nameof(BuildValueReportsJob.EnqueueDueAsync)),
            "5 * * * *", It.Is<RecurringJobOptions>(o => o.TimeZone == TimeZoneInfo.Utc)));
    }

    // One run of the dispatcher at this time, and the per-tenant jobs it enqueued for these tenants run as Hangfire
    // would (each in its own scope). Returns the (tenant, month) pairs it enqueued for them.
    private async Task<List<(Guid, DateOnly)>> TickAsync(DateTimeOffset now, params Guid[] tenants)
    {
        factory.Clock.SetUtcNow(now);
        var enqueued = new List<Job>();
        var client = new Mock<IBackgroundJobClient>();
        client.Setup(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>())).Callback<Job, IState>((job, _) => enqueued.Add(job)).Returns("job");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Dispatcher(scope, client.Object).EnqueueDueAsync(CancellationToken.None);
        }
        var mine = enqueued.Select(j => ((Guid)j.Args[0], new DateOnly((int)j.Args[1], (int)j.Args[2], 1))).Where(j => tenants.Contains(j.Item1)).ToList();
        foreach (var (tenantId, month) in mine)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await Dispatcher(scope, client.Object).BuildForTenantAsync(tenantId, month.Year, month.Month, CancellationToken.None);
        }
        return [.. mine.Where(j => j.Item2 == November)];
    }

    private static BuildValueReportsJob Dispatcher(AsyncServiceScope scope, IBackgroundJobClient client) =>
        new(scope.ServiceProvider.GetRequiredService<ISender>(), client, scope.ServiceProvider.GetRequiredService<ITenantContext>());

    private async Task<List<Guid>> NovemberReportsAsync(params Guid[] tenants)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.ValueReports.Where(r => tenants.Contains(r.TenantId) && r.Month == November).OrderBy(r => r.BuiltAt).Select(r => r.TenantId).ToListAsync();
    }

    private async Task<Guid> AddTenantAsync(string timeZone)
    {
        await using var scope = factory.PlatformScope(out var db);
        var slug = "zone-" + Guid.NewGuid().ToString("N")[..10];
        var tenant = new Tenant { Name = slug, Slug = slug, TimeZone = timeZone, Currency = "CNY", CreatedAt = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero) };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }
}
