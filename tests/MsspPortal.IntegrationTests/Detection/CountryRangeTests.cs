using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Detection;

/// <summary>The portal with a configured address-range → country table, as an MSSP without GeoIP would set it.</summary>
public sealed class CountryRangeFactory : PortalFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Detection:CountryRanges:0", "203.0.113.0/24=AR"),
        ("Detection:CountryRanges:1", "192.0.2.0/24=ar"),
    ];
}

public sealed class CountryRangeTests(CountryRangeFactory factory) : IClassFixture<CountryRangeFactory>
{
    [Fact]
    public async Task New_location_logons_compare_countries_from_the_configured_range_table()
    {
        var tenant = await TestTenant.CreateAsync(factory, "c");
        // Two networks of the same configured country, then a network outside the table.
        var lines = string.Join("\n",
            "<38>Nov 29 04:00:00 bastion-01 sshd[1]: Accepted password for erin from 203.0.113.5 port 40000 ssh2",
            "<38>Nov 29 04:10:00 bastion-01 sshd[1]: Accepted password for erin from 192.0.2.9 port 40001 ssh2",
            "<38>Nov 29 04:20:00 bastion-01 sshd[1]: Accepted password for erin from 198.51.100.7 port 40002 ssh2");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var source = await sender.Send(new CreateLogSource { TenantId = tenant.Id, Name = "ssh", Vendor = "OpenBSD", Product = "OpenSSH", ExpectedFormat = LogFormat.Auto });
            var stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>()
                .StoreAsync(tenant.Id, source.Id, IngestChannel.Cli, new MemoryStream(Encoding.UTF8.GetBytes(lines)), null, CancellationToken.None);
            await sender.Send(new ProcessBatch(stored.BatchId));
        }

        await using var check = factory.PlatformScope(out var db);
        var alerts = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.RuleId == "mssp-new-login-location").ToListAsync();
        var alert = Assert.Single(alerts);
        Assert.Equal(("erin", "198.51.100.7"), (alert.UserName, alert.SourceIp));
    }
}
