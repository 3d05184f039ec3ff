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
using MsspPortal.Web.Features.Committee.Meetings;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>The portal on a clock the test moves: the weekly syncs' planner and agenda.</summary>
public sealed class SyncClockFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

/// <summary>
/// Weekly syncs are planned four weeks ahead at the committee's local day and time (Europe/Berlin: 10:00 is 08:00 UTC
/// in summer time and 09:00 UTC after 25 October 2026), never twice in a week, and each agenda is assembled from the
/// records of the week before the meeting.
/// </summary>
public sealed class WeeklySyncTests(SyncClockFactory factory) : IClassFixture<SyncClockFactory>
{
    [Fact]
    public async Task Syncs_are_planned_four_weeks_ahead_at_ten_local_across_the_change_to_winter_time()
    {
        var tenantId = await AddTenantAsync("Europe/Berlin", DayOfWeek.Tuesday);

        // Monday 19 October 2026, 14:00 in Berlin.
        var first = await PlanAsync(tenantId, new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var again = await PlanAsync(tenantId, new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var meetings = await WeeklyAsync(tenantId);

        Assert.Equal(4, first.Created.Count);
        Assert.Empty(again.Created);
        Assert.Equal(
        [
            new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero), // CEST, UTC+2
            new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero), // CET, UTC+1
            new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero),
        ], meetings.Select(m => m.ScheduledAt));
        Assert.All(meetings, m => Assert.Equal(TimeSpan.FromMinutes(45), m.EndsAt - m.ScheduledAt));
        Assert.All(meetings, m => Assert.Equal("Europe/Berlin", m.TimeZone));
        Assert.Equal(["Weekly sync 2026-10-20", "Weekly sync 2026-10-27", "Weekly sync 2026-11-03", "Weekly sync 2026-11-10"], meetings.Select(m => m.Title));
        Assert.All(meetings, m => Assert.Equal(MeetingStatus.Scheduled, m.Status));
    }

    [Fact]
    public async Task A_later_run_adds_only_the_new_week_and_never_replaces_a_moved_or_cancelled_sync()
    {
        var tenantId = await AddTenantAsync("Europe/Berlin", DayOfWeek.Tuesday);
        await PlanAsync(tenantId, new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var planned = await WeeklyAsync(tenantId);
        await using (var scope = factory.PlatformScope(out var db))
        {
            // The 27 October sync moves to Wednesday; the 3 November one is cancelled.
            var moved = await db.Meetings.SingleAsync(m => m.Id == planned[1].Id);
            moved.Reschedule(new DateTimeOffset(2026, 10, 28, 9, 0, 0, TimeSpan.Zero));
            (await db.Meetings.SingleAsync(m => m.Id == planned[2].Id)).Cancel(factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        // Tuesday 20 October, 14:00 in Berlin: that day's sync has begun; 17 November comes into the four weeks.
        var next = await PlanAsync(tenantId, new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero));
        var meetings = await WeeklyAsync(tenantId);

        var added = Assert.Single(next.Created);
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.Zero), meetings.Single(m => m.Id == added).ScheduledAt);
        Assert.Equal(5, meetings.Count);
        // One sync per local day, and per week.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(5, meetings.Select(m => TimeZoneInfo.ConvertTime(m.ScheduledAt, berlin).Date).Distinct().Count());
        Assert.Equal(MeetingStatus.Cancelled, meetings.Single(m => m.Id == planned[2].Id).Status);
    }

    [Fact]
    public async Task The_daily_job_fans_out_to_each_tenant_with_a_weekly_committee_and_is_on_the_schedule()
    {
        var weekly = await AddTenantAsync("Asia/Shanghai", DayOfWeek.Thursday);
        var none = await AddTenantAsync("UTC", day: null);
        factory.Clock.AdjustTime(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var enqueued = new List<Job>();
        var client = new Mock<IBackgroundJobClient>();
        client.Setup(c => c.Create(It.IsAny<Job>(), It.IsAny<IState>())).Callback<Job, IState>((job, _) => enqueued.Add(job)).Returns("job");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Job(scope, client.Object).EnqueuePerTenantAsync(CancellationToken.None);
        }
        var tenants = enqueued.Select(j => (Guid)j.Args[0]).ToList();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Job(scope, client.Object).PlanForTenantAsync(weekly, CancellationToken.None);
        }
        var manager = new Mock<IRecurringJobManager>();
        MsspPortal.Web.Infrastructure.Jobs.RecurringJobs.Register(manager.Object,
            factory.Services.GetServices<MsspPortal.Web.Infrastructure.Jobs.IRecurringJobSchedule>());

        Assert.Contains(weekly, tenants);
        Assert.DoesNotContain(none, tenants);
        // Thursdays at 10:00 in Shanghai (UTC+8, no DST): 02:00 UTC.
        Assert.Equal(
        [
            new DateTimeOffset(2026, 10, 22, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 29, 2, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 5, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 12, 2, 0, 0, TimeSpan.Zero),
        ], (await WeeklyAsync(weekly)).Select(m => m.ScheduledAt));
        manager.Verify(m => m.AddOrUpdate(PlanWeeklySyncsJob.RecurringJobId,
            It.Is<Job>(j => j.Type == typeof(PlanWeeklySyncsJob) && j.Method.Name == nameof(PlanWeeklySyncsJob.EnqueuePerTenantAsync)),
            "30 0 * * *", It.Is<RecurringJobOptions>(o => o.TimeZone == TimeZoneInfo.Utc)));
    }

    private static PlanWeeklySyncsJob Job(AsyncServiceScope scope, IBackgroundJobClient client) =>
        new(scope.ServiceProvider.GetRequiredService<ISender>(), client, scope.ServiceProvider.GetRequiredService<ITenantContext>());

    private async Task<PlannedSyncs> PlanAsync(Guid tenantId, DateTimeOffset now)
    {
        factory.Clock.AdjustTime(now);
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PlanWeeklySyncs(tenantId));
    }

    private async Task<List<Meeting>> WeeklyAsync(Guid tenantId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return (await db.Meetings.AsNoTracking().Where(m => m.TenantId == tenantId && m.Kind == MeetingKind.Weekly).ToListAsync())
            .OrderBy(m => m.ScheduledAt).ToList();
    }

    private async Task<Guid> AddTenantAsync(string timeZone, DayOfWeek? day)
    {
        await using var scope = factory.PlatformScope(out var db);
        var slug = "sync-" + Guid.NewGuid().ToString("N")[..10];
        var tenant = new Tenant { Name = slug, Slug = slug, TimeZone = timeZone, Currency = "EUR", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        db.Tenants.Add(tenant);
        var committee = JointCommittee.Form(tenant.Id, $"{slug} committee", null);
        if (day is { } d)
        {
            committee.MeetWeekly(d, new TimeOnly(10, 0), 45);
        }
        db.Committees.Add(committee);
        await db.SaveChangesAsync();
        return tenant.Id;
    }
}
