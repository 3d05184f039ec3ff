using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

/// <summary>Stores and processes batches as a worker does: in the tenant's scope, through the real handlers.</summary>
internal static class Workers
{
    /// <summary>sshd failures from one address, a few seconds apart from <paramref name="first"/> on (the brute-force rule counts 20 in 5 min).</summary>
    public static string FailedLogons(int first, int count, string address) => string.Join("\n", Enumerable.Range(first, count).Select(i =>
        $"<38>Nov 29 05:{i / 12:00}:{i % 12 * 5:00} bastion-01 sshd[411]: Failed password for user{i % 4} from {address} port {50000 + i} ssh2"));

    public static async Task<long> SourceAsync(PortalFactory factory, TestTenant tenant)
    {
        await using var scope = factory.PlatformScope(out var db);
        var source = new LogSource(tenant.Id, Guid.NewGuid().ToString("N")[..12], "x.y")
        {
            Name = "ssh-" + Guid.NewGuid().ToString("N")[..8], Vendor = "OpenSSH", Product = "sshd",
            ExpectedFormat = Core.Events.LogFormat.Auto,
        };
        db.LogSources.Add(source);
        await db.SaveChangesAsync();
        return source.Id;
    }

    public static async Task<long> StoreAsync(PortalFactory factory, Guid tenantId, long sourceId, string lines)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>()
            .StoreAsync(tenantId, sourceId, IngestChannel.Api, new MemoryStream(Encoding.UTF8.GetBytes(lines)), null, CancellationToken.None);
        return stored.BatchId;
    }

    public static async Task<BatchProcessingResult> ProcessAsync(PortalFactory factory, Guid tenantId, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(batchId));
    }
}
