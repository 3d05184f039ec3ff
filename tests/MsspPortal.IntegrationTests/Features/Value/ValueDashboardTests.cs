using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Value;

/// <summary>The portal on 20 November 2026, 12:00 UTC: "this month so far" is November.</summary>
public sealed class ValueDashboardFactory : PortalFactory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

// A tenant whose November and October are small enough to sum by hand (the sums are in the comments), read through
// the page as its business owner, and through the links the page offers.
public sealed partial class ValueDashboardTests(ValueDashboardFactory factory) : IClassFixture<ValueDashboardFactory>
{
    private static readonly DateTimeOffset November = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset October = new(2026, 10, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_business_owner_sees_the_months_figures_computed_by_hand()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var html = await client.GetStringAsync("/Value");

        Assert.Contains("November 2026 — this month so far, to 20 November", Text(html), StringComparison.Ordinal);
        // Attacks stopped: 3 alerts resolved in November as true positives (a1, a2, a3) + incident i2 (no alert of it
        // counted already); i1 is not counted again, its alert a1 is. The false positive f1 is no attack. = 4.
        Assert.Equal("4", Card(html, "protection.attacks-stopped").Main);
        // Interruption: 30 + 45 minutes recorded on the two incidents closed in November = 75 min, against a baseline of
        // 8 h a month = 480 min: (75 − 480) / 480 = −84.4 %.
        var interruption = Card(html, "protection.interruption-minutes");
        Assert.Equal("75 min", interruption.Main);
        Assert.Contains("Before the service: 8 h", interruption.Text, StringComparison.Ordinal);
        Assert.Contains("−84 %", interruption.Text, StringComparison.Ordinal);
        // Losses incurred: only i1 recorded a loss, €1,200; shown as it is, not as an estimate.
        Assert.Equal("€1,200", Card(html, "protection.actual-loss").Main);
        // Customer hours freed: 120 h a month before the service − 70 h reported for November = 50 h; at €40 an hour = €2,000.
        Assert.Equal("50 h", Card(html, "efficiency.customer-hours-freed").Main);
        Assert.Equal("€2,000", Card(html, "efficiency.customer-hours-freed-value").Main);
        // The estimate is a range with its median, never a point alone.
        var loss = Card(html, "protection.loss-avoided");
        Assert.Matches("^€[0-9.]+[kM]?–€[0-9.]+[kM]?$", loss.Main);
        Assert.Contains("P10–P90", loss.Text, StringComparison.Ordinal);
        Assert.Contains("How is this computed", loss.Text, StringComparison.Ordinal);
        // Growth: reported by the tenant, never claimed as caused by security.
        var revenue = Card(html, "growth.revenue");
        Assert.Equal("€1,250,000", revenue.Main);
        Assert.Contains("not claimed as caused by security", revenue.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(seeded.Other.Marker, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trend_charts_carry_twelve_months_and_a_table_alternative()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var html = await client.GetStringAsync($"/Value?tenant={seeded.Tenant.Slug}&month=2026-11");

        var attacks = Chart(html, "chart-attacks");
        var labels = attacks.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(12, labels.Count);
        Assert.Equal(["Dec 2025", "Nov 2026"], [labels[0], labels[^1]]);
        // October: one true positive resolved (o1); November: 4 (above); nothing before.
        Assert.Equal([.. Enumerable.Repeat(0.0, 10), 1.0, 4.0], attacks.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(d => d.GetDouble()));
        var interruption = Chart(html, "chart-interruption").GetProperty("series");
        Assert.Equal(75.0, interruption[0].GetProperty("data")[11].GetDouble());
        Assert.Equal(480.0, interruption[1].GetProperty("data")[11].GetDouble());
        var loss = Chart(html, "chart-loss").GetProperty("series");
        Assert.Equal(["low", "high", "line"], loss.EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        foreach (var id in new[] { "chart-interruption", "chart-attacks", "chart-loss", "chart-response", "chart-hours", "chart-revenue" })
        {
            Assert.Contains($"<canvas class=\"value-chart\" id=\"{id}\" role=\"img\"", html, StringComparison.Ordinal);
            Assert.Contains($"data-chart-table=\"{id}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("/js/value.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html.Replace("<script src=", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figure_links_open_exactly_the_records_the_figures_count()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var html = await client.GetStringAsync("/Value?month=2026-11");

        var attacks = WebUtility.HtmlDecode(Card(html, "protection.attacks-stopped").Link!);
        var interruption = WebUtility.HtmlDecode(Card(html, "protection.interruption-minutes").Link!);

        Assert.Equal($"/Alerts?status=resolved&tenant={seeded.Tenant.Slug}&disposition=true-positive&from=2026-11-01&to=2026-11-30", attacks);
        var queue = await client.GetStringAsync(attacks);
        Assert.Equal(seeded.TruePositivesInNovember.Order(), AlertRows().Matches(queue).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal($"/Incidents?status=closed&tenant={seeded.Tenant.Slug}", interruption);
        var incidents = await client.GetStringAsync(interruption);
        Assert.Equal(seeded.ClosedIncidents.Order(), IncidentRows().Matches(incidents).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order());
    }

    [Fact]
    public async Task The_items_waiting_on_the_customer_link_to_themselves_and_to_the_filtered_lists()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var html = await client.GetStringAsync("/Value");

        Assert.Contains($"href=\"/Alerts/Details/{seeded.WaitingAlert}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Incidents/Details/{seeded.WaitingIncident}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Alerts?status=waiting-on-customer&amp;tenant={seeded.Tenant.Slug}\">1 alert(s)</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Incidents?status=waiting-on-customer&amp;tenant={seeded.Tenant.Slug}\">1 incident(s)</a>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Alerts/Details/{seeded.WaitingAlert}")).StatusCode);
        var waiting = await client.GetStringAsync($"/Alerts?status=waiting-on-customer&tenant={seeded.Tenant.Slug}");
        Assert.Equal([seeded.WaitingAlert], AlertRows().Matches(waiting).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_business_owner_sees_only_their_tenant_and_gets_404_for_another()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var other = await client.GetAsync($"/Value?tenant={seeded.Other.Slug}");
        var unknown = await client.GetAsync("/Value?tenant=no-such-tenant");
        var own = await client.GetStringAsync("/Value");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(seeded.Other.Marker, await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"What the security service did for Tenant {seeded.Tenant.Marker}", own, StringComparison.Ordinal);
        // One tenant: no tenant picker.
        Assert.DoesNotContain("id=\"value-tenant\"", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mssp_staff_have_the_menu_entry_and_pick_among_their_tenants()
    {
        var seeded = await SeedAsync();
        var analyst = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var tenantAnalyst = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);

        var alerts = await analyst.GetStringAsync("/Alerts?status=all");
        var choose = await analyst.GetStringAsync("/Value");
        var harbor = await analyst.GetStringAsync("/Value?tenant=harbor-bank");
        var own = await tenantAnalyst.GetStringAsync($"/Value?tenant={seeded.Tenant.Slug}&month=2026-11");
        var adminView = await admin.GetStringAsync($"/Value?tenant={seeded.Tenant.Slug}&month=2026-11");

        Assert.Contains("<a class=\"nav-link\" href=\"/Value\">Value</a>", alerts, StringComparison.Ordinal);
        foreach (var slug in new[] { "northwind-shop", "harbor-bank", "orbit-saas" })
        {
            Assert.Contains($"href=\"/Value?tenant={slug}\"", choose, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(seeded.Tenant.Marker, choose, StringComparison.Ordinal);
        Assert.Contains("What the security service did for Harbor Bank", harbor, StringComparison.Ordinal);
        Assert.Contains("id=\"value-tenant\"", harbor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/Value?tenant={seeded.Tenant.Slug}")).StatusCode);
        Assert.Equal("4", Card(own, "protection.attacks-stopped").Main);
        Assert.Equal("4", Card(adminView, "protection.attacks-stopped").Main);
    }

    [Fact]
    public async Task A_past_month_follows_a_change_to_its_records()
    {
        var seeded = await SeedAsync();
        var client = await factory.SignInAsync(seeded.Tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var before = await client.GetStringAsync("/Value?month=2026-10");

        await using (var scope = factory.PlatformScope(out var db))
        {
            var late = Alert.Raise(seeded.Tenant.Id, "r-late", "late-" + seeded.Tenant.Marker, AlertSeverity.High, 60, October.AddDays(2));
            late.Resolve(AlertDisposition.TruePositive, "contained", "u1", October.AddDays(2).AddHours(1));
            db.Alerts.Add(late);
            await db.SaveChangesAsync();
        }
        var after = await client.GetStringAsync("/Value?month=2026-10");

        Assert.Equal("1", Card(before, "protection.attacks-stopped").Main);
        Assert.Equal("2", Card(after, "protection.attacks-stopped").Main);
        Assert.Contains("October 2026", Text(after), StringComparison.Ordinal);
        Assert.DoesNotContain("so far", Text(after).Split("Month")[0], StringComparison.Ordinal);
    }

    private sealed record Seeded(TestTenant Tenant, TestTenant Other, IReadOnlyList<long> TruePositivesInNovember, IReadOnlyList<long> ClosedIncidents,
        long WaitingAlert, long WaitingIncident);

    private async Task<Seeded> SeedAsync()
    {
        var tenant = await TestTenant.CreateAsync(factory, "v");
        var other = await TestTenant.CreateAsync(factory, "x");
        await using var scope = factory.PlatformScope(out var db);
        var service = (long)tenant.RowIds[typeof(BusinessService)];
        var profile = BusinessProfile.For(tenant.Id);
        profile.Update(40m, 0m, new ValueBaseline { InterruptionHoursPerMonth = 8, CustomerStaffHoursPerMonth = 120 }, null, November);
        db.BusinessProfiles.Add(profile);
        db.ReportedFigures.Add(ReportedFigure.Report(tenant.Id, ReportedMetric.SecurityStaffHours, new DateOnly(2026, 11, 1), 70, "owner", November, ReportedFigureChannel.Portal));
        db.ReportedFigures.Add(ReportedFigure.Report(tenant.Id, ReportedMetric.Revenue, new DateOnly(2026, 11, 1), 1_250_000, "owner", November, ReportedFigureChannel.Portal));

        Alert Resolved(string rule, AlertDisposition disposition, DateTimeOffset at)
        {
            var alert = Alert.Raise(tenant.Id, rule, $"{rule}-{tenant.Marker}", AlertSeverity.High, 60, at);
            alert.Resolve(disposition, "done", "u1", at.AddHours(2));
            db.Alerts.Add(alert);
            return alert;
        }
        var a1 = Resolved("r-a1", AlertDisposition.TruePositive, November);
        var a2 = Resolved("r-a2", AlertDisposition.TruePositive, November.AddDays(1));
        var a3 = Resolved("r-a3", AlertDisposition.TruePositive, November.AddDays(2));
        Resolved("r-f1", AlertDisposition.FalsePositive, November.AddDays(3));
        Resolved("r-o1", AlertDisposition.TruePositive, October);
        var waiting = Alert.Raise(tenant.Id, "r-w", "waiting-" + tenant.Marker, AlertSeverity.Medium, 40, November.AddDays(5));
        waiting.ChangeStatus(AlertStatus.WaitingOnCustomer, "u1", November.AddDays(5).AddHours(1), "is this your scanner?");
        db.Alerts.Add(waiting);
        var i1 = Incident.Open(tenant.Id, "i1-" + tenant.Marker, AlertSeverity.High, November);
        var i2 = Incident.Open(tenant.Id, "i2-" + tenant.Marker, AlertSeverity.High, November.AddDays(4));
        var i3 = Incident.Open(tenant.Id, "i3-" + tenant.Marker, AlertSeverity.Medium, November.AddDays(6));
        db.Incidents.AddRange(i1, i2, i3);
        await db.SaveChangesAsync();
        a1.LinkToIncident(i1.Id, "u1", November.AddHours(1));
        i1.Close(new IncidentImpact(service, 30, 1200m, "invoice", "checkout slow"), "u1", November.AddDays(1));
        i2.Close(new IncidentImpact(service, 45, 0m, "none", null), "u1", November.AddDays(5));
        i3.WaitOnCustomer("u1", November.AddDays(6).AddHours(1), "please confirm the outage window");
        await db.SaveChangesAsync();
        return new Seeded(tenant, other, [a1.Id, a2.Id, a3.Id], [i1.Id, i2.Id], waiting.Id, i3.Id);
    }

    private sealed record FigureCard(string Main, string Text, string? Link);

    private static FigureCard Card(string html, string key)
    {
        var start = html.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no card {key}");
        var end = html.IndexOf("value-figure", start + 20, StringComparison.Ordinal);
        var card = html[start..(end < 0 ? html.Length : end)];
        var main = MainValue().Match(card).Groups[1].Value;
        var link = CardLink().Match(card) is { Success: true } m ? m.Groups[1].Value : null;
        return new FigureCard(WebUtility.HtmlDecode(main).Trim(), Text(card), link);
    }

    private static JsonElement Chart(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{id}\"[^>]*data-chart=\"([^\"]+)\"");
        Assert.True(match.Success, $"no chart {id}");
        return JsonDocument.Parse(WebUtility.HtmlDecode(match.Groups[1].Value)).RootElement;
    }

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), "\\s+", " "));

    [GeneratedRegex("class=\"fs-4 fw-semibold value-main\">([^<]*)<")]
    private static partial Regex MainValue();

    [GeneratedRegex("class=\"small value-link\" href=\"([^\"]+)\"")]
    private static partial Regex CardLink();

    [GeneratedRegex("<tr data-id=\"(\\d+)\"")]
    private static partial Regex AlertRows();

    [GeneratedRegex("href=\"/Incidents/Details/(\\d+)\"")]
    private static partial Regex IncidentRows();
}
