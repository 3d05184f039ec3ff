using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Data;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Cli;

// mssp bench value: seeds a year of alerts (as mssp seed --alerts, spread over 365 days), starts the portal on loopback
// in this process and times the value dashboard of the tenant with the most alerts: once cold (twelve months computed)
// and then warm (the current month computed, the eleven ended months from the cache). Times are client round trips on
// loopback. Ends with "value cold: N ms" and the line "value p95: N ms".
internal static class ValueBench
{
    public static Command Create(CliContext context)
    {
        var alerts = new Option<int>("--alerts") { Description = "Alerts to seed over the year", DefaultValueFactory = _ => 200_000 };
        var tenants = new Option<int>("--tenants") { Description = "Tenants to spread them over", DefaultValueFactory = _ => 4 };
        var requests = new Option<int>("--requests") { Description = "Timed warm requests", DefaultValueFactory = _ => 30 };
        var command = new Command("value", "Measure the value dashboard's response time over a year of seeded alerts") { alerts, tenants, requests };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (count, tenantCount, timed) = (parsed.GetValue(alerts), parsed.GetValue(tenants), parsed.GetValue(requests));
            if (count < 1 || tenantCount < 2 || timed < 1)
            {
                return await MsspCli.UsageAsync(command, context, "--alerts and --requests must be positive, --tenants at least 2.", cancellationToken);
            }
            var given = parsed.GetValue(context.Data);
            var data = given is { Length: > 0 } ? given : Path.Combine(Path.GetTempPath(), "mssp-bench-value-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                if (await SeedCommand.SeedVolumeAsync(parsed, context, data, count, tenantCount, TimeSpan.FromDays(365), cancellationToken) is not { } seeded)
                {
                    return 1;
                }
                return await RunAsync(context, data, seeded, timed, cancellationToken);
            }
            finally
            {
                if (given is not { Length: > 0 })
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(data, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string data, VolumeSeedResult seeded, int timed, CancellationToken cancellationToken)
    {
        await using var app = QueueBench.BuildPortal(data);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address) };
        await QueueBench.SignInAsync(http, seeded, cancellationToken);

        List<(string Slug, int Alerts, int History)> sizes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var alerts = await db.Alerts.GroupBy(a => a.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var history = await db.AlertHistory.GroupBy(h => h.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var slugs = await db.Tenants.ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);
            sizes = [.. alerts.OrderByDescending(a => a.Count)
                .Select(a => (slugs[a.Key], a.Count, history.FirstOrDefault(h => h.Key == a.Key)?.Count ?? 0))];
        }
        var (slug, tenantAlerts, tenantHistory) = sizes[0];
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"bench value: {seeded.Alerts:N0} alerts over {seeded.Tenants} tenants and 365 days in {data}; measuring {slug} ({tenantAlerts:N0} alerts, {tenantHistory:N0} history rows)"));

        // The JIT and SQLite's page cache warm up on another tenant's dashboard, so the cold figure is the computing.
        await GetAsync(http, "/Value?tenant=" + sizes[^1].Slug, cancellationToken);
        var url = "/Value?tenant=" + slug;
        var cold = await GetAsync(http, url, cancellationToken);
        var warm = new List<double>();
        for (var i = 0; i < timed; i++)
        {
            warm.Add((await GetAsync(http, url, cancellationToken)).Milliseconds);
        }
        var current = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var past = (await GetAsync(http, $"{url}&month={current.AddMonths(-1):yyyy-MM}", cancellationToken)).Milliseconds;
        await app.StopAsync(cancellationToken);
        if (cold.Status != HttpStatusCode.OK)
        {
            await context.Output.WriteLineAsync($"The dashboard answered {(int)cold.Status}: {cold.Body[..Math.Min(cold.Body.Length, 2000)]}");
            return 1;
        }
        warm.Sort();
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"warm: n {warm.Count}, p50 {Percentile(warm, 0.5):0.0} ms, p95 {Percentile(warm, 0.95):0.0} ms, max {warm[^1]:0.0} ms; last month selected (one month computed): {past:0.0} ms"));
        await context.Output.WriteLineAsync("times: client round trip on loopback (the client runs in the portal's process)");
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"value cold: {cold.Milliseconds:0} ms"));
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"value p95: {Percentile(warm, 0.95):0} ms"));
        return 0;
    }

    private sealed record Page(HttpStatusCode Status, double Milliseconds, string Body);

    private static async Task<Page> GetAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new Page(response.StatusCode, watch.Elapsed.TotalMilliseconds, body);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
