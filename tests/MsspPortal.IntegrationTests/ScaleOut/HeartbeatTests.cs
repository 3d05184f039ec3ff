using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

/// <summary>Leases are short and renewed while a worker works: a live worker keeps its batch, a dead one's resumes within a minute.</summary>
public sealed class HeartbeatTests(HeartbeatFactory factory) : IClassFixture<HeartbeatFactory>
{
    [Fact]
    public async Task A_worker_that_died_mid_batch_has_its_batch_swept_back_within_a_minute()
    {
        factory.Gate = new GateStage { Throw = true };
        var (tenant, batchId) = await BatchAsync("dead");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Workers.ProcessAsync(factory, tenant.Id, batchId));
        factory.Clock.Advance(TimeSpan.FromSeconds(45)); // the lease (30 s) ran out, and the sweep runs every 15 s
        await SweepAsync();

        Assert.Contains((tenant.Id, batchId), factory.Dispatcher.Dispatched);
    }

    [Fact]
    public async Task A_live_worker_renews_its_lease_so_the_sweep_leaves_its_batch_alone()
    {
        var (tenant, batchId) = await BatchAsync("live");
        await using (var claim = factory.PlatformScope(out var db))
        {
            // Claimed as ProcessBatch claims it. The beat is driven here, not through a gate inside a chunk: a chunk holds
            // the write lock (SQLite) or the batch row (SQL Server) until it commits, and renews the lease itself.
            await db.RawBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.State, BatchState.Processing).SetProperty(b => b.LeaseUntil, factory.Clock.GetUtcNow().AddSeconds(30)));
        }
        var lease = new IngestionOptions().ProcessingLease;
        var heartbeat = LeaseHeartbeat.Start(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Clock,
            new LeaseHeartbeat.Lease(tenant.Id, batchId, null, lease), NullLogger.Instance);

        for (var beat = 0; beat < 12; beat++) // two minutes of work, a beat at a time
        {
            factory.Clock.Advance(lease / 3);
            await LeaseRenewedAsync(batchId);
        }
        await SweepAsync();
        var keptWhileAlive = !factory.Dispatcher.Dispatched.Contains((tenant.Id, batchId));
        await heartbeat.DisposeAsync(); // the worker dies
        factory.Clock.Advance(TimeSpan.FromSeconds(45));
        await SweepAsync();

        Assert.True(keptWhileAlive);
        Assert.Contains((tenant.Id, batchId), factory.Dispatcher.Dispatched);
    }

    private async Task<(TestTenant Tenant, long BatchId)> BatchAsync(string label)
    {
        var tenant = await TestTenant.CreateAsync(factory, label);
        var source = await Workers.SourceAsync(factory, tenant);
        return (tenant, await Workers.StoreAsync(factory, tenant.Id, source, Workers.FailedLogons(0, 3, "192.0.2.9")));
    }

    private async Task LeaseRenewedAsync(long batchId)
    {
        // The heartbeat runs beside the work; wait (in real time) until the beat the clock just triggered has landed.
        var now = factory.Clock.GetUtcNow();
        for (var i = 0; i < 200; i++)
        {
            if ((await BatchRowAsync(batchId)).LeaseUntil > now + TimeSpan.FromSeconds(20))
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"The lease of batch {batchId} was not renewed after {now:O}.");
    }

    private async Task<RawBatch> BatchRowAsync(long batchId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.RawBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
    }

    private async Task SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<SweepBatchesJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
