using System.Net;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

public sealed class AuditLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Auditor_filters_the_log_and_exports_it_as_csv_with_formulas_neutralised()
    {
        var tenant = await TestTenant.CreateAsync(factory, "au");
        var other = await TestTenant.CreateAsync(factory, "ot");
        await using (var scope = factory.PlatformScope(out var db))
        {
            var at = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
            db.AuditEntries.Add(new AuditEntry { TenantId = tenant.Id, Action = "rule.changed", EntityType = "TenantRule", EntityId = "=cmd|' /C calc'!A0", At = at, IpAddress = "198.51.100.7" });
            db.AuditEntries.Add(new AuditEntry { TenantId = tenant.Id, Action = "asset.created", EntityType = "Asset", EntityId = "42", At = at.AddDays(-30) });
            db.AuditEntries.Add(new AuditEntry { TenantId = other.Id, Action = "rule.changed", EntityType = "TenantRule", EntityId = "other-" + other.Marker, At = at });
            await db.SaveChangesAsync();
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);

        var filtered = await client.GetStringAsync("/Audit?action=rule.changed&from=2026-11-01&to=2026-11-30");
        var csvResponse = await client.GetAsync("/Audit/Export?action=rule.changed");
        var csv = await csvResponse.Content.ReadAsStringAsync();

        Assert.Contains("198.51.100.7", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("asset.created</code>", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("other-" + other.Marker, filtered, StringComparison.Ordinal);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at_utc,tenant,user,action,entity_type,entity_id,ip_address", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Equal($"2026-11-20T09:30:00Z,Tenant {tenant.Marker},,rule.changed,TenantRule,'=cmd|' /C calc'!A0,198.51.100.7", row);
    }

    [Fact]
    public async Task Analysts_and_business_owners_have_no_audit_log()
    {
        var tenant = await TestTenant.CreateAsync(factory, "na");
        foreach (var role in new[] { PortalRole.Analyst, PortalRole.BusinessOwner, PortalRole.CommitteeMember })
        {
            var client = await factory.SignInAsync(tenant.UserEmails[role], TestTenant.Password);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Audit/Export")).StatusCode);
        }
    }

    [Fact]
    public async Task Changes_made_through_the_portal_appear_in_the_audit_log_with_who_did_them()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ch");
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var assetId = tenant.RowIds[typeof(Asset)];
        var form = await analyst.GetStringAsync($"/Assets/Edit/{assetId}");
        Assert.Contains("asset-" + tenant.Marker, form, StringComparison.Ordinal);
        var saved = await analyst.PostFormAsync($"/Assets/Edit/{assetId}", $"/Assets/Edit/{assetId}", new()
        {
            ["Id"] = assetId.ToString()!, ["Name"] = "renamed-" + tenant.Marker, ["Kind"] = "Host", ["Identifiers"] = "10.99.0.1", ["Criticality"] = "4",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var auditor = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var log = await auditor.GetStringAsync("/Audit?action=asset.updated");

        Assert.Contains(tenant.UserEmails[PortalRole.Analyst], log, StringComparison.Ordinal);
    }
}
