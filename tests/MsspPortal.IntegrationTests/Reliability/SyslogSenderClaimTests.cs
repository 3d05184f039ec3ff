using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Reliability;

public sealed class SyslogSenderClaimTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_sender_address_another_tenant_claims_is_refused_on_create_and_edit_with_a_clear_message()
    {
        var first = await TestTenant.CreateAsync(factory, "sa");
        var second = await TestTenant.CreateAsync(factory, "sb");
        var address = $"198.18.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var owner = await factory.SignInAsync(first.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var claimed = await CreateAsync(owner, first.Id, "fw-a", address);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Contains("msk_", await claimed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = await factory.SignInAsync(second.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var refused = await CreateAsync(other, second.Id, "fw-b", $"203.0.113.250, {address}");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var ownSource = (long)second.RowIds[typeof(LogSource)];
        var edit = await other.PostFormAsync($"/LogSources/Edit/{ownSource}", $"/LogSources/Edit/{ownSource}", new()
        {
            ["Id"] = ownSource.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = $"src-{second.Marker}",
            ["Vendor"] = "V",
            ["Product"] = "P",
            ["ExpectedFormat"] = "Cef",
            ["SourceAddresses"] = address,
        });
        var editHtml = WebUtility.HtmlDecode(await edit.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"{address} already belongs to another log source", html, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Marker, html, StringComparison.Ordinal);
        Assert.Contains($"{address} already belongs to another log source", editHtml, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.LogSources.AnyAsync(s => s.TenantId == second.Id && s.Name == "fw-b"));
        Assert.DoesNotContain(address, (await db.LogSources.SingleAsync(s => s.Id == ownSource)).SourceAddresses, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_source_keeps_its_own_addresses()
    {
        var tenant = await TestTenant.CreateAsync(factory, "sc");
        var address = $"198.19.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await CreateAsync(client, tenant.Id, "fw-c", address);
        long id;
        await using (var scope = factory.PlatformScope(out var db))
        {
            id = (await db.LogSources.SingleAsync(s => s.TenantId == tenant.Id && s.Name == "fw-c")).Id;
        }

        var edit = await client.PostFormAsync($"/LogSources/Edit/{id}", $"/LogSources/Edit/{id}", new()
        {
            ["Id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Name"] = "fw-c-renamed",
            ["Vendor"] = "Fortinet",
            ["Product"] = "FortiGate",
            ["ExpectedFormat"] = "Cef",
            ["SourceAddresses"] = address,
        });

        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, Guid tenantId, string name, string addresses) =>
        client.PostFormAsync("/LogSources/Create", "/LogSources/Create", new()
        {
            ["TenantId"] = tenantId.ToString(),
            ["Name"] = name,
            ["Vendor"] = "Fortinet",
            ["Product"] = "FortiGate",
            ["ExpectedFormat"] = "Cef",
            ["SourceAddresses"] = addresses,
        });
}
