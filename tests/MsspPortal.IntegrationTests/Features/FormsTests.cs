using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.IntegrationTests.Features;

public sealed partial class FormsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_rejected_asset_form_keeps_what_was_typed_and_says_what_is_wrong()
    {
        var tenant = await TestTenant.CreateAsync(factory, "f");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/Assets/Create", "/Assets/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(),
            ["Name"] = "Payroll <b>server</b>",
            ["Kind"] = "Host",
            ["Identifiers"] = "",
            ["Criticality"] = "9",
            ["DowntimeCostPerHour"] = "1200",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"Payroll &lt;b&gt;server&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"9\"", html, StringComparison.Ordinal);
        Assert.Contains("Criticality goes from 1 (lowest) to 5", html, StringComparison.Ordinal);
        Assert.Contains("Give at least one address or host name", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.Assets.AnyAsync(a => a.TenantId == tenant.Id && a.Name.StartsWith("Payroll")));
    }

    [Fact]
    public async Task A_valid_asset_form_creates_the_asset_in_the_chosen_tenant_with_an_audit_entry()
    {
        var tenant = await TestTenant.CreateAsync(factory, "g");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/Assets/Create", "/Assets/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(),
            ["Name"] = "Payroll server",
            ["Kind"] = "Host",
            ["Identifiers"] = "10.1.2.3, payroll-01",
            ["Criticality"] = "4",
            ["DowntimeCostPerHour"] = "1200",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var asset = await db.Assets.SingleAsync(a => a.TenantId == tenant.Id && a.Name == "Payroll server");
        Assert.Equal("10.1.2.3,payroll-01", asset.Identifiers);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id && e.Action == "asset.created" && e.EntityId == asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_new_log_source_shows_its_key_once_and_stores_only_a_salted_hash()
    {
        var tenant = await TestTenant.CreateAsync(factory, "k");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/LogSources/Create", "/LogSources/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(),
            ["Name"] = "vpn-01",
            ["Vendor"] = "Fortinet",
            ["Product"] = "FortiGate",
            ["ExpectedFormat"] = "Cef",
            ["SourceAddresses"] = "192.0.2.10",
        });
        var html = await response.Content.ReadAsStringAsync();
        var key = KeyPattern().Match(html).Groups[1].Value;

        Assert.StartsWith("msk_", key, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        var source = await db.LogSources.SingleAsync(s => s.TenantId == tenant.Id && s.Name == "vpn-01");
        Assert.DoesNotContain(key, source.ApiKeyHash, StringComparison.Ordinal);
        Assert.True(ApiKeyHasher.Verify(key, source.ApiKeyHash));
        Assert.False(ApiKeyHasher.Verify(key + "x", source.ApiKeyHash));
        var list = await client.GetStringAsync("/LogSources");
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attacker_controlled_text_is_rendered_encoded()
    {
        var tenant = await TestTenant.CreateAsync(factory, "x");
        long alertId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var alert = Alert.Raise(tenant.Id, "r", "<script>alert(1)</script>", AlertSeverity.Low, 10, TimeProvider.System.GetUtcNow(),
                new AlertFacts { UserName = "\"><img src=x onerror=alert(2)>" });
            db.Alerts.Add(alert);
            await db.SaveChangesAsync();
            alertId = alert.Id;
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var html = await client.GetStringAsync($"/Alerts/Details/{alertId}");

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_slug_taken_by_any_tenant_is_refused_with_the_input_kept()
    {
        var client = await factory.SignInAsync("admin@mssp.example", Web.Demo.DemoSeeder.DemoPassword);
        var hidden = await TestTenant.CreateAsync(factory, "s");

        var taken = await client.PostFormAsync("/Tenants/Create", "/Tenants/Create", new()
        {
            ["Name"] = "Copycat Bank", ["Slug"] = "harbor-bank", ["Industry"] = "Finance", ["Tier"] = "Essentials", ["TimeZone"] = "Europe/Paris", ["Currency"] = "EUR",
        });
        var takenHtml = await taken.Content.ReadAsStringAsync();
        var edit = await client.GetStringAsync($"/Tenants/Edit/{hidden.Id}");
        var keepOwn = await client.PostFormAsync($"/Tenants/Edit/{hidden.Id}", $"/Tenants/Edit/{hidden.Id}", new()
        {
            ["Name"] = "Renamed", ["Slug"] = hidden.Slug, ["Industry"] = "Other", ["Tier"] = "Essentials", ["TimeZone"] = "UTC", ["Currency"] = "EUR",
        });

        Assert.Contains("Another tenant already uses this slug", takenHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Copycat Bank\"", takenHtml, StringComparison.Ordinal);
        Assert.Contains(hidden.Slug, edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, keepOwn.StatusCode);
    }

    [GeneratedRegex("id=\"api-key\">([^<]+)<")]
    private static partial Regex KeyPattern();
}
