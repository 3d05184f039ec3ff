using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Detection;

public sealed class DetectionStageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Brute_force_burst_raises_one_scored_alert_per_rule_and_a_replay_adds_nothing()
    {
        var tenant = await TestTenant.CreateAsync(factory, "bf");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var inputs = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 25).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.7", "victim", "10.99.0.1")));

        var first = await ProcessAsync(tenant.Id, inputs);
        var second = await ProcessAsync(tenant.Id, inputs);

        Assert.Equal(new DetectionOutcome(0, 0), second);
        await using var scope = factory.PlatformScope(out var db);
        var alerts = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.DedupKey != null).ToListAsync();
        Assert.Equal(first.AlertsRaised, alerts.Count);
        // Brute force by source and by user; the two high scores on one address and user also add up to entity risk.
        Assert.Equal([BuiltInRuleIds.BruteForceSource, BuiltInRuleIds.BruteForceUser],
            alerts.Where(a => a.RuleId != BuiltInRuleIds.EntityRisk).Select(a => a.RuleId).Order());
        var bySource = Assert.Single(alerts, a => a.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Equal(25, bySource.EventCount);
        Assert.Equal("198.51.100.7", bySource.SourceIp);
        Assert.Equal((long)tenant.RowIds[typeof(Web.Domain.Asset)], bySource.AssetId);
        Assert.Contains("critical asset 2", bySource.RiskBreakdown, StringComparison.Ordinal);
        Assert.Equal("MsspPortal", bySource.RuleAuthor);
        Assert.Equal(inputs[^1].Event.Timestamp, bySource.LastSeen);
        var links = await db.AlertEvents.Where(e => e.AlertId == bySource.Id).Select(e => e.EventId).ToListAsync();
        Assert.Equal(inputs.Skip(7).Select(i => i.EventId).Order(), links.Order()); // from the 8th failure on
    }

    [Fact]
    public async Task A_later_chunk_extends_the_open_alert_and_records_it_in_history()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ext");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var burst = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.8", $"user{i % 4}")));
        // Four accounts, at most six failures each: only the by-address rule fires, so the later chunk only extends.
        var more = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(20, 3).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.8", $"user{i % 4}")));

        await ProcessAsync(tenant.Id, burst);
        var outcome = await ProcessAsync(tenant.Id, more);

        Assert.Equal(new DetectionOutcome(0, 1), outcome);
        await using var scope = factory.PlatformScope(out var db);
        var alert = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Equal(23, alert.EventCount);
        Assert.Equal(more[^1].Event.Timestamp, alert.LastSeen);
        Assert.Contains(await db.AlertHistory.Where(h => h.AlertId == alert.Id).ToListAsync(), h => h.Field == "EventCount" && h.To == "23");
    }

    // One stage (one batch) over three chunks: the open alert it raised in the first is kept in memory, untracked, and
    // what the later chunks change in it is written by the stage itself inside a transaction, or by EF's save without
    // one (the path SQL Server takes). Either way the row and its history end as a fresh read of every event leaves them.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_alert_kept_across_chunks_is_saved_with_every_change_and_its_history(bool inTransaction)
    {
        var tenant = await TestTenant.CreateAsync(factory, inTransaction ? "keep1" : "keep2");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var chunks = new List<IReadOnlyList<DetectionInput>>();
        foreach (var (from, count) in new[] { (0, 20), (20, 3), (23, 4) })
        {
            chunks.Add(await StoredEvents.StoreAsync(factory, tenant,
                Enumerable.Range(from, count).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.9", $"user{i % 4}"))));
        }

        var outcomes = new List<DetectionOutcome>();
        await using (var batch = factory.Services.CreateAsyncScope())
        {
            batch.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var stage = batch.ServiceProvider.GetRequiredService<IDetectionStage>();
            var context = batch.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
            foreach (var chunk in chunks)
            {
                await using var transaction = inTransaction ? await context.Database.BeginTransactionAsync() : null;
                outcomes.Add(await stage.ProcessAsync(tenant.Id, chunk, CancellationToken.None));
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                }
                context.ChangeTracker.Clear(); // as batch processing does after each chunk
            }
        }

        Assert.Equal([new DetectionOutcome(1, 0), new DetectionOutcome(0, 1), new DetectionOutcome(0, 1)], outcomes);
        await using var scope = factory.PlatformScope(out var db);
        var alert = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Equal(27, alert.EventCount);
        Assert.Equal(chunks[^1][^1].Event.Timestamp, alert.LastSeen);
        // Every row: the raise's (off SQLite the links' save used to delete it again) and one per later chunk.
        var history = await db.AlertHistory.Where(h => h.AlertId == alert.Id).OrderBy(h => h.Id).Select(h => h.Field + " " + h.To).ToListAsync();
        Assert.Equal(["Status New", "EventCount 23", "EventCount 27"], history);
        var links = await db.AlertEvents.CountAsync(e => e.AlertId == alert.Id);
        Assert.Equal(links, (await db.AlertEvents.Where(e => e.AlertId == alert.Id).Select(e => e.EventId).Distinct().ToListAsync()).Count);
    }

    [Fact]
    public async Task Alerts_adding_up_on_one_address_raise_an_entity_risk_alert_linking_them()
    {
        var tenant = await TestTenant.CreateAsync(factory, "risk");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        // One address: 20 failures (brute force by source), over 10 accounts (spraying), 11 of them on one account.
        var inputs = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.9", i < 11 ? "admin" : $"user{i}", "10.99.0.1")));

        await ProcessAsync(tenant.Id, inputs);

        await using var scope = factory.PlatformScope(out var db);
        var entityRisk = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.EntityRisk && a.SourceIp == "198.51.100.9");
        var contributors = await db.AlertContributions.Where(c => c.AlertId == entityRisk.Id).Select(c => c.Contributor!.RuleId).ToListAsync();
        Assert.Contains(BuiltInRuleIds.BruteForceSource, contributors);
        Assert.Contains(BuiltInRuleIds.BruteForceUser, contributors);
    }

    [Fact]
    public async Task A_later_chunk_adding_to_the_same_entity_risk_writes_each_contribution_once()
    {
        var tenant = await TestTenant.CreateAsync(factory, "risk2");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var first = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.10", i < 11 ? "admin" : $"user{i}", "10.99.0.1")));
        var later = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(20, 25).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 5), "198.51.100.10", i < 32 ? "admin" : $"user{i}", "10.99.0.1")));

        await ProcessAsync(tenant.Id, first);
        // A restarted worker (its in-memory windows and risk sums start empty) sees the attack go on: the same alerts
        // add up to the same open entity-risk alert again. The pairs saved before were inserted a second time, the
        // unique index refused them, and the chunk (so the whole batch) failed on every retry.
        await using (var restarted = factory.Services.CreateAsyncScope())
        {
            restarted.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var runtime = ActivatorUtilities.CreateInstance<DetectionRuntime>(restarted.ServiceProvider);
            var stage = ActivatorUtilities.CreateInstance<DetectionStage>(restarted.ServiceProvider, runtime);
            var context = restarted.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await stage.ProcessAsync(tenant.Id, later, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var scope = factory.PlatformScope(out var db);
        var entityRisk = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.EntityRisk && a.SourceIp == "198.51.100.10");
        var pairs = await db.AlertContributions.Where(c => c.AlertId == entityRisk.Id).Select(c => c.ContributorId).ToListAsync();
        Assert.Equal(pairs.Distinct().Count(), pairs.Count);
        var bySource = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Contains(bySource.Id, pairs);
    }

    [Fact]
    public async Task An_alert_keeps_at_most_the_link_cap_across_the_chunks_of_one_batch()
    {
        var tenant = await TestTenant.CreateAsync(factory, "cap");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var chunks = new List<List<DetectionInput>>();
        for (var c = 0; c < 3; c++)
        {
            chunks.Add(await StoredEvents.StoreAsync(factory, tenant,
                Enumerable.Range(c * 60, 60).Select(i => StoredEvents.FailedLogon(start.AddMilliseconds(i * 500), "198.51.100.11", $"user{i % 7}"))));
        }

        // One scope for the three chunks, as ProcessBatch runs a batch: the stage keeps the link counts it has seen.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
            var stage = scope.ServiceProvider.GetRequiredService<IDetectionStage>();
            foreach (var chunk in chunks)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await stage.ProcessAsync(tenant.Id, chunk, CancellationToken.None);
                await transaction.CommitAsync();
                db.ChangeTracker.Clear();
            }
        }

        await using var check = factory.PlatformScope(out var read);
        var alert = await read.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource);
        var links = await read.AlertEvents.Where(e => e.AlertId == alert.Id).Select(e => e.EventId).ToListAsync();
        Assert.Equal(180, alert.EventCount);
        Assert.Equal(Web.Domain.AlertEvent.MaxPerAlert, links.Count);
        Assert.Equal(links.Count, links.Distinct().Count());
        Assert.Equal(chunks.SelectMany(c => c).Skip(7).Take(Web.Domain.AlertEvent.MaxPerAlert).Select(i => i.EventId).Order(), links.Order());
    }

    /// <summary>As ingestion runs the stage: inside the chunk's transaction (the SQLite bulk writes need it).</summary>
    [Fact]
    public async Task A_suppressed_rule_and_entity_raise_no_alert_but_are_counted_on_the_suppression()
    {
        var tenant = await TestTenant.CreateAsync(factory, "sup");
        var now = TimeProvider.System.GetUtcNow();
        long suppressionId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var like = Alert.Raise(tenant.Id, BuiltInRuleIds.BruteForceSource, "earlier", AlertSeverity.High, 50, now.AddHours(-2), new AlertFacts { SourceIp = "198.51.100.77" });
            var suppression = AlertSuppression.Like(like, SuppressionField.SourceIp, now.AddHours(4), "analyst", "Customer's own scanner", now)!;
            db.AlertSuppressions.Add(suppression);
            await db.SaveChangesAsync();
            suppressionId = suppression.Id;
        }
        var inputs = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 25).Select(i => StoredEvents.FailedLogon(now.AddMinutes(-30).AddSeconds(i * 5), "198.51.100.77", "victim", "10.99.0.1")));

        await ProcessAsync(tenant.Id, inputs);

        await using var check = factory.PlatformScope(out var db2);
        var rules = await db2.Alerts.Where(a => a.TenantId == tenant.Id && a.DedupKey != null).Select(a => a.RuleId).ToListAsync();
        Assert.DoesNotContain(BuiltInRuleIds.BruteForceSource, rules);
        Assert.Contains(BuiltInRuleIds.BruteForceUser, rules);
        Assert.True((await db2.AlertSuppressions.SingleAsync(s => s.Id == suppressionId)).SuppressedCount > 0);
    }

    private async Task<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> inputs)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<IDetectionStage>().ProcessAsync(tenantId, inputs, CancellationToken.None);
        await transaction.CommitAsync();
        return outcome;
    }
}
