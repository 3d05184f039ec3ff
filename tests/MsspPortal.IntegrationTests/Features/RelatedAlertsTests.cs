using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

public sealed class RelatedAlertsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Alert_details_link_alerts_on_the_same_entity_within_the_incident_window_and_only_those()
    {
        var tenant = await TestTenant.CreateAsync(factory, "r");
        var other = await TestTenant.CreateAsync(factory, "o");
        var t0 = TimeProvider.System.GetUtcNow().AddHours(-30);
        long mainId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            Alert Make(Guid tenantId, string title, string? ip, string? user, DateTimeOffset at)
            {
                var a = Alert.Raise(tenantId, "r", title, AlertSeverity.Medium, 40, at, new AlertFacts { SourceIp = ip, UserName = user });
                db.Alerts.Add(a);
                return a;
            }
            var main = Make(tenant.Id, "main-alert", "203.0.113.50", "carol", t0);
            Make(tenant.Id, "same-ip-later", "203.0.113.50", null, t0.AddHours(3));
            Make(tenant.Id, "same-user-earlier", "198.51.100.1", "carol", t0.AddHours(-5));
            Make(tenant.Id, "same-ip-too-late", "203.0.113.50", null, t0.AddHours(30));
            Make(tenant.Id, "unrelated", "192.0.2.9", "dave", t0.AddHours(1));
            Make(other.Id, "other-tenant-same-ip", "203.0.113.50", "carol", t0.AddHours(1));
            await db.SaveChangesAsync();
            mainId = main.Id;
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var html = await client.GetStringAsync($"/Alerts/Details/{mainId}");
        var related = html[html.IndexOf("id=\"related\"", StringComparison.Ordinal)..html.IndexOf("id=\"history\"", StringComparison.Ordinal)];

        Assert.Contains("same-ip-later", related, StringComparison.Ordinal);
        Assert.Contains("same source 203.0.113.50", related, StringComparison.Ordinal);
        Assert.Contains("same-user-earlier", related, StringComparison.Ordinal);
        Assert.DoesNotContain("same-ip-too-late", related, StringComparison.Ordinal);
        Assert.DoesNotContain("unrelated", related, StringComparison.Ordinal);
        Assert.DoesNotContain("other-tenant-same-ip", html, StringComparison.Ordinal);
    }
}
