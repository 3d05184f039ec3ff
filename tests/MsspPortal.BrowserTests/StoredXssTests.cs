using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.BrowserTests;

// Stored XSS end to end: hostile log lines go in through the real ingestion API and detection, and come out in the queue,
// the alert page (entities and raw lines), an incident (title and comment) and the CSV export. Nothing may run or load,
// and every payload must be on the page as text, so the test cannot pass by showing nothing.
[Collection(BrowserGroup.Name)]
public sealed class StoredXssTests(BrowserFixture fixture)
{
    private const string Script = "<script>window.__xss=1</script>";
    private const string Img = "<img src=x onerror=\"window.__xss=2\">";
    private const string JsLink = "javascript:window.__xss=3";
    private const string StyleBreakout = "</style><style>body{background:url(http://attacker.invalid/x)}</style>";
    private const string StyleAttribute = "\" style=\"background:url(//attacker.invalid/y)\" x=\"";

    // '<' and '>' as themselves in the raw lines, the way a device would write them.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Three accounts under brute force (eight failures in six minutes raise mssp-brute-force-user), each name and host a
    // payload, each line's message all of them.
    private static readonly (string User, string Host, string Ip)[] Victims =
    [
        (Script, StyleBreakout, "203.0.113.61"),
        (Img, StyleAttribute, "203.0.113.62"),
        (JsLink, Script + Img, "203.0.113.63"),
    ];

    [Fact]
    public async Task Hostile_log_lines_are_shown_as_text_in_the_queue_alert_incident_and_export_and_nothing_runs_or_loads()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Portal, "xss");
        await IngestAsync(tenant.Id);
        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            var users = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.RuleId == "mssp-brute-force-user").Select(a => a.UserName).ToListAsync();
            Assert.Equal(Victims.Select(v => v.User).Order(StringComparer.Ordinal), users.Order(StringComparer.Ordinal));
        }

        var page = await fixture.SignedInPageAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var csp = PortalPagesTests.CollectCspViolations(page);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        var attacker = new List<string>();
        page.Context.Request += (_, request) =>
        {
            if (request.Url.Contains("attacker.invalid", StringComparison.OrdinalIgnoreCase))
            {
                attacker.Add(request.Url);
            }
        };
        // Should anything try to reach the attacker, fail fast instead of waiting on DNS (it is still recorded above).
        await page.Context.RouteAsync("**/*attacker.invalid*/**", route => route.AbortAsync());

        async Task AssertInertAsync(string where)
        {
            // The page's own script (polling, shortcuts) has had its chance to run whatever was smuggled in.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"), $"window.__xss was set on {where}");
            Assert.True(dialogs.Count == 0, $"a dialog opened on {where}: {string.Join(" | ", dialogs)}");
            Assert.True(attacker.Count == 0, $"{where} requested {string.Join(", ", attacker)}");
            Assert.True(csp.Count == 0, $"{where} hit the CSP: {string.Join(" | ", csp)}");
            // Injected markup would be an element; as text it is none.
            Assert.Equal(0, await page.Locator("main script, main img[src=x], main style, [style*='attacker']").CountAsync());
        }

        // The queue, narrowed to them by rule.
        await page.GotoAsync("/Alerts?status=open&rule=mssp-brute-force-user");
        var queue = await page.Locator("#alerts tbody").InnerTextAsync();
        Assert.Equal(3, await page.Locator("#alerts tbody tr").CountAsync());
        foreach (var (user, _, _) in Victims)
        {
            Assert.Contains(user, queue, StringComparison.Ordinal);
        }
        await AssertInertAsync("the queue");
        await page.GotoAsync("/Alerts?status=open&group=entity");
        Assert.Contains(Script, await page.Locator("#alert-groups").InnerTextAsync(), StringComparison.Ordinal);
        await AssertInertAsync("the queue grouped by entity");

        // The alert page: entities and the contributing raw lines.
        await page.GotoAsync("/Alerts?status=open&rule=mssp-brute-force-user&entity=" + Uri.EscapeDataString(Script));
        await page.Locator("#alerts tbody a.alert-link-title").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Alerts/Details/", StringComparison.Ordinal));
        var body = await page.Locator("main").InnerTextAsync();
        Assert.Contains(Script, body, StringComparison.Ordinal);
        Assert.Contains(StyleBreakout, body, StringComparison.Ordinal);
        var raw = await page.Locator("code.raw-line").AllInnerTextsAsync();
        // The events that tripped the count (the eighth and ninth failure) are the alert's contributing lines.
        Assert.NotEmpty(raw);
        Assert.All(raw, line => Assert.Contains("<script>window.__xss=1</script>", line, StringComparison.Ordinal));
        Assert.True(await page.GetByText(Script).Filter(new() { Visible = true }).CountAsync() > 0, "the payload is not visible as text");
        await AssertInertAsync("the alert page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "xss-alert.png"), FullPage = true });

        // An incident made from it, titled and commented with payloads by the analyst.
        var title = $"{Script} {Img} {StyleBreakout}";
        await page.Locator("#incident-title").FillAsync(title);
        await page.Locator("#create-incident button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Incidents/Details/", StringComparison.Ordinal));
        await page.Locator("#comment-body").FillAsync($"Looked at it: {JsLink} {StyleAttribute} {Img}");
        await page.Locator("#comment-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Incidents/Details/", StringComparison.Ordinal));
        await page.Locator(".comment-body").First.WaitForAsync();
        Assert.Contains(title, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"Looked at it: {JsLink} {StyleAttribute} {Img}", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#incident-alerts tbody tr").CountAsync());
        await AssertInertAsync("the incident page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "xss-incident.png"), FullPage = true });
        await page.GotoAsync("/Incidents");
        Assert.Contains(title, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await AssertInertAsync("the incident list");

        // The CSV export, by the queue's link: a download, never a page the browser could render as HTML.
        await page.GotoAsync("/Alerts?status=open&rule=mssp-brute-force-user");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal("alerts.csv", download.SuggestedFilename);
        Assert.Contains(Script, csv, StringComparison.Ordinal);
        Assert.Contains(Img.Replace("\"", "\"\"", StringComparison.Ordinal), csv, StringComparison.Ordinal);
        Assert.Contains(JsLink, csv, StringComparison.Ordinal);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var response = await page.Context.APIRequest.GetAsync("/Alerts/Export?rule=mssp-brute-force-user");
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        await AssertInertAsync("the queue after the export");

        // The collection shares one portal: tests that close a whole rule's alerts and count them across every tenant
        // must not find this tenant's brute-force alerts still open.
        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            foreach (var alert in await db.Alerts.Where(a => a.TenantId == tenant.Id && a.Status != AlertStatus.Resolved).ToListAsync())
            {
                alert.Resolve(AlertDisposition.BenignTruePositive, "stored-XSS test data", null, DateTimeOffset.UtcNow);
            }
            await db.SaveChangesAsync();
        }
    }

    // The real path: a log source's key, POST /api/v1/ingest, then the batch job the dispatcher queued (no worker runs
    // in the browser tests' portal, so the test runs that job itself, as the integration tests do).
    private async Task IngestAsync(Guid tenantId)
    {
        string key;
        await using (var scope = fixture.Portal.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
            key = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
            {
                TenantId = tenantId,
                Name = "hostile-app",
                Vendor = "Hostile",
                Product = "App",
                ExpectedFormat = LogFormat.Json,
            })).ApiKey;
        }
        var now = DateTimeOffset.UtcNow;
        var lines = new StringBuilder();
        foreach (var (user, host, ip) in Victims)
        {
            for (var i = 0; i < 9; i++)
            {
                lines.Append(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["@timestamp"] = now.AddSeconds(i - 60).ToString("O"),
                    ["event"] = new Dictionary<string, string> { ["category"] = "authentication", ["outcome"] = "failure", ["action"] = "logon" },
                    ["user"] = new Dictionary<string, string> { ["name"] = user },
                    ["host"] = new Dictionary<string, string> { ["name"] = host },
                    ["source"] = new Dictionary<string, string> { ["ip"] = ip },
                    ["message"] = $"Failed logon for {user} on {host} {Script} {Img} {JsLink} {StyleBreakout} {StyleAttribute}",
                }, Json)).Append('\n');
            }
        }
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(lines.ToString(), Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<IngestAccepted>();

        await using (var scope = fixture.Portal.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider).RunAsync(tenantId, accepted!.BatchId, CancellationToken.None);
        }
    }
}
