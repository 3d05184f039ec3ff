using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.BrowserTests;

// axe-core over the analyst's three working pages on the demo data: no serious or critical violation. Minor and moderate
// ones are printed with a failure but do not fail the test, as the issue asks.
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_queue_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        await page.GotoAsync("/Alerts?status=open");
        await page.Locator("#alerts tbody tr").First.WaitForAsync();

        await AssertAccessibleAsync(page, "the queue");
        // What only shows on demand: the shortcuts dialog and the save-view form.
        await page.Locator("[data-shortcuts-open]").ClickAsync();
        await page.Locator("#shortcuts[open]").WaitForAsync();
        await AssertAccessibleAsync(page, "the queue's shortcuts dialog");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("#saved-views summary").ClickAsync();
        await AssertAccessibleAsync(page, "the queue's save-view form");
        await page.GotoAsync("/Alerts?status=open&group=rule");
        await page.Locator("#alert-groups tbody tr").First.WaitForAsync();
        await AssertAccessibleAsync(page, "the queue grouped by rule");
    }

    [Fact]
    public async Task The_alert_page_has_no_serious_or_critical_accessibility_violation()
    {
        long id;
        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            // An open alert with its contributing events, similar alerts and the whole action panel.
            var tenants = await AnalystTenantsAsync(db);
            id = await db.Alerts.Where(a => tenants.Contains(a.TenantId) && a.Status == AlertStatus.New && a.UserName != null).OrderByDescending(a => a.RiskScore).ThenByDescending(a => a.Id)
                .Select(a => a.Id).FirstAsync();
        }
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        await page.GotoAsync($"/Alerts/Details/{id}");

        await AssertAccessibleAsync(page, $"alert {id}");
    }

    [Fact]
    public async Task The_incident_page_has_no_serious_or_critical_accessibility_violation()
    {
        long alertId;
        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            // The short demo of the test runs has no incident yet: one is opened from an open alert, as an analyst would.
            var tenants = await AnalystTenantsAsync(db);
            alertId = await db.Alerts.Where(a => tenants.Contains(a.TenantId) && a.Status == AlertStatus.New && a.IncidentId == null).OrderByDescending(a => a.Id)
                .Select(a => a.Id).FirstAsync();
        }
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        await page.GotoAsync($"/Alerts/Details/{alertId}");
        await page.Locator("#create-incident button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Incidents/Details/", StringComparison.Ordinal));
        await page.Locator("#comment-body").FillAsync("Accessibility check: a comment in the timeline.");
        await page.Locator("#comment-form button[type=submit]").ClickAsync();
        await page.Locator(".comment-body").First.WaitForAsync();

        await AssertAccessibleAsync(page, "the incident page");
        await page.GotoAsync("/Incidents");
        await AssertAccessibleAsync(page, "the incident list");
    }

    [Fact]
    public async Task The_value_dashboard_has_no_serious_or_critical_accessibility_violation()
    {
        var page = await fixture.SignedInPageAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);

        await page.GotoAsync("/Value");
        await page.Locator("canvas.value-chart[data-ready=true]").First.WaitForAsync();
        await AssertAccessibleAsync(page, "the value dashboard");
        // The charts' tables and the formulas, opened.
        foreach (var summary in await page.Locator("main details > summary").AllAsync())
        {
            await summary.ClickAsync();
        }
        await AssertAccessibleAsync(page, "the value dashboard with its tables and formulas open");
    }

    // The demo analyst's tenants: other tests of the collection add tenants of their own, whose alerts this analyst cannot open.
    private static async Task<List<Guid>> AnalystTenantsAsync(MsspPortal.Web.Data.PortalDbContext db) =>
        await db.Memberships.Where(m => db.Users.Any(u => u.Id == m.UserId && u.Email == "analyst@mssp.example")).Select(m => m.TenantId).ToListAsync();

    private static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();

        // axe ran its rules on this page (an injection blocked by the CSP would leave nothing checked).
        Assert.True(result.Passes.Length >= 10, $"axe checked only {result.Passes.Length} rules on {where}");
        Assert.True(blocking.Count == 0, $"axe on {where} ({page.Url}):\n{Describe(result.Violations)}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations.OrderBy(v => v.Impact is "critical" ? 0 : v.Impact is "serious" ? 1 : 2))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{v.Impact}] {v.Id}: {v.Help} ({v.Nodes.Length} nodes)");
            foreach (var node in v.Nodes.Take(5))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                text.AppendLine(CultureInfo.InvariantCulture, $"      {string.Join(" / ", checks)}");
            }
        }
        return text.ToString();
    }
}
