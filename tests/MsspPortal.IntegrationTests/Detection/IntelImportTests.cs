using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Detection;

public sealed class IntelImportTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task An_imported_indicator_list_makes_ingested_contact_with_a_listed_address_raise_an_alert()
    {
        var tenant = await TestTenant.CreateAsync(factory, "n");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Intel/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(tenant.Id.ToString()), "TenantId" },
            { new StringContent("c2-feed"), "ListName" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("type,value,confidence\nip,203.0.113.66,90\nip,not-an-ip,50\n")), "File", "feed.csv" },
        };

        var import = await client.PostAsync("/Intel/Import", form);
        var list = await client.GetStringAsync("/Intel");

        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.Contains("c2-feed", list, StringComparison.Ordinal);
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.Equal(1, await db.ThreatIntelIndicators.CountAsync(i => i.TenantId == tenant.Id && i.ListName == "c2-feed"));
        }

        var batchId = await IngestAsync(tenant, "CEF:0|Palo Alto|PAN-OS|10|traffic|allowed|3|src=10.99.0.1 dst=203.0.113.66 dpt=443 act=allow");
        await using (var scope = factory.PlatformScope(out var db))
        {
            var alerts = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.DestinationIp == "203.0.113.66").ToListAsync();
            Assert.NotEmpty(alerts);
            Assert.Contains(alerts, a => a.Techniques.Contains("T1071", StringComparison.Ordinal));
            Assert.True(await db.RawBatches.AnyAsync(b => b.Id == batchId && b.State == BatchState.Done));
        }
    }

    [Fact]
    public async Task An_analyst_cannot_import_into_another_tenant_or_mssp_wide()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Intel/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(b.Id.ToString()), "TenantId" },
            { new StringContent("true"), "MsspWide" },
            { new StringContent("evil"), "ListName" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("type,value\nip,198.51.100.1\n")), "File", "feed.csv" },
        };

        var response = await client.PostAsync("/Intel/Import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only platform admins", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.ThreatIntelIndicators.AnyAsync(i => i.ListName == "evil"));
        Assert.False(await db.MsspIntelIndicators.AnyAsync(i => i.ListName == "evil"));
    }

    private async Task<long> IngestAsync(TestTenant tenant, string lines)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var source = await sender.Send(new CreateLogSource { TenantId = tenant.Id, Name = "fw-" + Guid.NewGuid().ToString("N")[..6], Vendor = "Palo Alto", Product = "PAN-OS", ExpectedFormat = LogFormat.Auto });
        var stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>()
            .StoreAsync(tenant.Id, source.Id, IngestChannel.Cli, new MemoryStream(Encoding.UTF8.GetBytes(lines)), null, CancellationToken.None);
        await sender.Send(new ProcessBatch(stored.BatchId));
        return stored.BatchId;
    }
}
