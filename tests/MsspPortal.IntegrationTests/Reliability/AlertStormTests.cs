using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Reliability;

/// <summary>The real pipeline (HTTP ingestion, parsing, detection, scoring) with a clock the test fixes and jobs it runs itself.</summary>
public sealed class StormFactory : PortalFactory
{
    public const int AlertsPerRulePerHour = 40;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public RecordingDispatcher Dispatcher { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Detection:MaxNewAlertsPerRulePerHour", AlertsPerRulePerHour.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
    }
}

public sealed class AlertStormTests(StormFactory factory) : IClassFixture<StormFactory>
{
    [Fact]
    public async Task A_storm_from_a_thousand_addresses_raises_a_bounded_number_of_alerts_per_rule_and_keeps_the_count()
    {
        var tenant = await TestTenant.CreateAsync(factory, "storm");
        var key = await KeyAsync(tenant.Id);
        // 20,000 failed logins from 1,000 addresses against 500 accounts of the tenant's critical host (10.99.0.1), over
        // four minutes: before the budget, 1,000 brute-force alerts and 1,001 entity-risk alerts (each address, and the host).
        var lines = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            var at = new DateTime(2026, 11, 29, 5, 0, 0, DateTimeKind.Utc).AddSeconds(i / 80);
            var address = i % 1000;
            lines.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"<38>{at:MMM dd HH:mm:ss} 10.99.0.1 sshd[411]: Failed password for user{i % 500} from 10.1.{address / 250}.{address % 250} port {40000 + (i % 20000)} ssh2\n");
        }

        var batchId = await IngestAndProcessAsync(tenant.Id, key, lines.ToString());

        await using var check = factory.PlatformScope(out var db);
        var alerts = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.DedupKey != null)
            .Select(a => new { a.RuleId, a.DedupKey, a.EventCount, a.SuppressedCount }).ToListAsync();
        var perRule = alerts.GroupBy(a => a.RuleId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Contains(BuiltInRuleIds.BruteForceSource, perRule.Keys);
        // At most the hourly budget of individual alerts per rule, plus the one summary that folds the rest.
        Assert.All(perRule, rule => Assert.True(rule.Value <= StormFactory.AlertsPerRulePerHour + 1, $"{rule.Key}: {rule.Value} alerts"));
        var riskSummary = Assert.Single(alerts, a => a.RuleId == BuiltInRuleIds.EntityRisk && a.SuppressedCount > 0);
        var riskAlerts = alerts.Count(a => a.RuleId == BuiltInRuleIds.EntityRisk && a.SuppressedCount == 0);
        Assert.Equal(1001, riskAlerts + riskSummary.SuppressedCount); // nothing lost from the count: every entity is in it
        var bruteSummary = Assert.Single(alerts, a => a.RuleId == BuiltInRuleIds.BruteForceSource && a.SuppressedCount > 0);
        Assert.True(bruteSummary.SuppressedCount >= 1000 - StormFactory.AlertsPerRulePerHour, $"{bruteSummary.SuppressedCount} folded");
        // Every failure is counted once across the individual alerts and the summary: 1,000 addresses x 20 failures.
        Assert.Equal(20_000, alerts.Where(a => a.RuleId == BuiltInRuleIds.BruteForceSource).Sum(a => a.EventCount));
        var batch = await db.RawBatches.SingleAsync(b => b.Id == batchId);
        Assert.Equal(20_000, batch.EventsWritten);
    }

    [Fact]
    public async Task A_second_batch_in_the_same_hour_spends_what_is_left_of_the_first_ones_budget()
    {
        var tenant = await TestTenant.CreateAsync(factory, "storm-twice");
        var key = await KeyAsync(tenant.Id);
        // Two batches of 30 attacking addresses each (20 failures apiece, a brute force each): 60 detections of one rule
        // in one hour against a budget of 40. The second batch counts the first one's alerts in the database.
        foreach (var part in new[] { 0, 1 })
        {
            var lines = new StringBuilder();
            for (var i = 0; i < 600; i++)
            {
                var at = new DateTime(2026, 11, 29, 5, 10 + part, 0, DateTimeKind.Utc).AddMilliseconds(i * 90);
                var address = part * 30 + i % 30;
                lines.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"<38>{at:MMM dd HH:mm:ss} 10.98.0.1 sshd[411]: Failed password for user{i % 7} from 10.2.0.{address + 1} port {40000 + i} ssh2\n");
            }
            await IngestAndProcessAsync(tenant.Id, key, lines.ToString());
        }

        await using var check = factory.PlatformScope(out var db);
        var brute = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource)
            .Select(a => new { a.SuppressedCount, a.EventCount }).ToListAsync();
        Assert.Equal(StormFactory.AlertsPerRulePerHour, brute.Count(a => a.SuppressedCount == 0));
        var summary = Assert.Single(brute, a => a.SuppressedCount > 0);
        Assert.Equal(60 - StormFactory.AlertsPerRulePerHour, summary.SuppressedCount);
        Assert.Equal(1200, brute.Sum(a => a.EventCount));
    }

    // Through the HTTP API, then the batch's job run here (the dispatcher only records it).
    private async Task<long> IngestAndProcessAsync(Guid tenantId, string key, string lines)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(lines, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<IngestAccepted>();
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider).RunAsync(tenantId, accepted!.BatchId, CancellationToken.None);
        return accepted.BatchId;
    }

    private async Task<string> KeyAsync(Guid tenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenantId,
            Name = "storm-" + Guid.NewGuid().ToString("N")[..8],
            Vendor = "OpenSSH",
            Product = "sshd",
            ExpectedFormat = LogFormat.Auto,
        });
        return created.ApiKey;
    }
}
