using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Reliability;

public sealed class SigmaImportAbuseTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("selection | count() by source.ip > 99999999999999999999", "5m", "99999999999999999999")]
    [InlineData("selection | count() by source.ip > 19", "99999999999d", "99999999999d")]
    public async Task A_rule_with_numbers_too_large_is_a_form_error_with_the_reason_not_a_500(string condition, string timeframe, string named)
    {
        var tenant = await TestTenant.CreateAsync(factory, "big");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var yaml = $"""
            title: Too large
            id: 6a1c2d3e-0000-4000-8000-00000000000{named.Length % 10}
            logsource:
              category: authentication
            detection:
              selection:
                event.outcome: failure
              timeframe: {timeframe}
              condition: {condition}
            level: high
            """;

        var response = await client.PostFormAsync("/Rules/Import", "/Rules/Import", new() { ["TenantId"] = tenant.Id.ToString(), ["Yaml"] = yaml });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not supported", html, StringComparison.Ordinal);
        Assert.Contains(named, html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.TenantRules.CountAsync(r => r.TenantId == tenant.Id)); // only TestTenant's own rule
    }
}
