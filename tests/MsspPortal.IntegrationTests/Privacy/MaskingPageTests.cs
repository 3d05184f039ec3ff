using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Privacy;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Privacy;

// The masking rules page: MSSP staff change them, a rejected form keeps what was typed, anyone who reads detection set-up
// sees them and can try them on a line; another tenant's rules are 404.
public sealed class MaskingPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_analyst_saves_rules_and_a_bad_pattern_is_refused_with_the_form_as_typed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "pm");
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var form = new Dictionary<string, string>
        {
            ["TenantId"] = tenant.Id.ToString(), ["Cards"] = "Truncate", ["ResidentIds"] = "Redact", ["Emails"] = "Pseudonymize", ["Phones"] = "Off",
            ["PhoneRegions"] = "CN", ["PatternMode"] = "Redact", ["Patterns"] = "employee: EMP-\\d{6}\nbroken: (a)\\1",
        };

        var refused = await analyst.PostFormAsync($"/Privacy/Masking?tenantId={tenant.Id}", "/Privacy/Masking", form);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        form["Patterns"] = "employee: EMP-\\d{6}";
        var saved = await analyst.PostFormAsync($"/Privacy/Masking?tenantId={tenant.Id}", "/Privacy/Masking", form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("broken: The pattern uses a construct the non-backtracking engine does not support", WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);
        Assert.Contains("broken: (a)\\1", WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var settings = await db.PrivacySettings.SingleAsync(p => p.TenantId == tenant.Id);
        Assert.Equal((MaskMode.Truncate, MaskMode.Redact, MaskMode.Pseudonymize, (MaskMode?)null, "CN"),
            (settings.Cards!.Value, settings.ResidentIds!.Value, settings.Emails!.Value, settings.Phones, settings.PhoneRegions));
        Assert.Equal([new NamedPattern("employee", "EMP-\\d{6}")], settings.PatternList());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id && e.Action == "privacy.masking.updated"));

        var tried = WebUtility.HtmlDecode(await analyst.GetStringAsync(
            $"/Privacy/Masking?tenantId={tenant.Id}&sample={Uri.EscapeDataString("pan=4111111111111111 id=11010519491231002X badge EMP-123456")}"));
        Assert.Contains("pan=411111******1111 id=[cnid] badge [employee]", tried, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auditor_reads_the_rules_without_a_form_and_nobody_reads_another_tenants()
    {
        var a = await TestTenant.CreateAsync(factory, "pa");
        var b = await TestTenant.CreateAsync(factory, "pb");
        var auditor = await factory.SignInAsync(a.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var analyst = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var page = await auditor.GetStringAsync($"/Privacy/Masking?tenantId={a.Id}");
        var other = await analyst.GetAsync($"/Privacy/Masking?tenantId={b.Id}");

        Assert.Contains("uses the default rules", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"save-masking\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
