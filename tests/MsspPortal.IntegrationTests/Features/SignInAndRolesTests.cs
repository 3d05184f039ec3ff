using System.Net;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

public sealed class SignInAndRolesTests(SixMonthDemoFactory factory) : IClassFixture<SixMonthDemoFactory>
{
    [Theory]
    [InlineData("admin@mssp.example", "/Alerts")]
    [InlineData("analyst@mssp.example", "/Alerts")]
    [InlineData("owner@northwind-shop.example", "/Value")]
    [InlineData("committee@harbor-bank.example", "/Value")]
    [InlineData("auditor@orbit-saas.example", "/Value")]
    public async Task Every_demo_user_signs_in_and_lands_on_their_start_page(string email, string start)
    {
        var client = await factory.SignInAsync(email, DemoSeeder.DemoPassword);

        var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith(start, home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(start)).StatusCode);
    }

    [Fact]
    public async Task Demo_analyst_sees_the_seeded_tenants_assets_log_sources_and_alerts()
    {
        var client = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        var tenants = await client.GetStringAsync("/Tenants");
        var assets = await client.GetStringAsync("/Assets");
        var sources = await client.GetStringAsync("/LogSources");
        var alerts = await client.GetStringAsync("/Alerts?status=all");

        foreach (var slug in new[] { "northwind-shop", "harbor-bank", "orbit-saas" })
        {
            Assert.Contains(slug, tenants, StringComparison.Ordinal);
        }
        Assert.Contains("Checkout", assets, StringComparison.Ordinal);
        Assert.Contains("Core banking DB", assets, StringComparison.Ordinal);
        Assert.Contains("fw-edge-01", sources, StringComparison.Ordinal);
        Assert.Contains("bastion-auth", sources, StringComparison.Ordinal);
        Assert.Contains("Harbor Bank", alerts, StringComparison.Ordinal);
        Assert.Contains("id=\"next-page\"", alerts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_business_owner_sees_only_their_tenant_and_no_analyst_pages()
    {
        var client = await factory.SignInAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);

        var value = await client.GetStringAsync("/Value");
        var committee = await client.GetStringAsync("/Committee");
        var rules = await client.GetAsync("/Rules");

        Assert.Contains("Northwind Shop", value, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor Bank", value, StringComparison.Ordinal);
        Assert.DoesNotContain("Orbit SaaS", value, StringComparison.Ordinal);
        Assert.Contains("Northwind Shop security committee", committee, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbor", committee, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, rules.StatusCode);
        Assert.Contains("ReadDetection", await rules.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_switcher_narrows_an_analyst_to_one_tenant_and_back()
    {
        var client = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var bank = await TenantIdAsync("harbor-bank");

        await client.PostFormAsync("/Assets", "/Tenants/Switch", new() { ["tenantId"] = bank.ToString() });
        var narrowed = await client.GetStringAsync("/Assets");
        await client.PostFormAsync("/Assets", "/Tenants/Switch", new() { ["tenantId"] = "" });
        var wide = await client.GetStringAsync("/Assets");

        Assert.Contains("Core banking DB", narrowed, StringComparison.Ordinal);
        Assert.DoesNotContain("Checkout", narrowed, StringComparison.Ordinal);
        Assert.Contains("Checkout", wide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_a_tenant_outside_ones_memberships_changes_nothing()
    {
        var outsider = await TestTenant.CreateAsync(factory, "o");
        var client = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        await client.PostFormAsync("/Assets", "/Tenants/Switch", new() { ["tenantId"] = outsider.Id.ToString() });
        var assets = await client.GetStringAsync("/Assets");

        Assert.DoesNotContain(outsider.Marker, assets, StringComparison.Ordinal);
        Assert.Contains("Checkout", assets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var tenant = await TestTenant.CreateAsync(factory, "l");
        var email = tenant.UserEmails[Web.Domain.PortalRole.Auditor];
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = "Wrong-Passw0rd!" });
        }

        var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = TestTenant.Password });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_keeps_the_email_and_says_what_is_wrong()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = "analyst@mssp.example", ["Password"] = "nope" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is wrong", body, StringComparison.Ordinal);
        Assert.Contains("value=\"analyst@mssp.example\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_but_sign_in_and_health_requires_sign_in()
    {
        var client = factory.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        foreach (var path in new[] { "/", "/Alerts", "/Tenants", "/Assets", "/LogSources", "/Users", "/Value", "/Committee", "/jobs" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Jobs_dashboard_is_for_platform_admins_only()
    {
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);
        var analyst = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/jobs")).StatusCode);
        var denied = await analyst.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Pages_send_security_headers_with_no_inline_script_allowed()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync("/Account/Login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script>(?!</script>)", html);
    }

    private async Task<Guid> TenantIdAsync(string slug)
    {
        await using var scope = factory.PlatformScope(out var db);
        return db.Tenants.Single(t => t.Slug == slug).Id;
    }
}
