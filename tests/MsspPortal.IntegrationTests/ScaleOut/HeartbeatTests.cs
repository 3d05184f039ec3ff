using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Ingestion;

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
        factory.Gate = new GateStage();
        var (tenant, batchId) = await BatchAsync("live");
        var processing = Task.Run(() => Workers.ProcessAsync(factory, tenant.Id, batchId));
        await factory.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        for (var beat = 0; beat < 12; beat++) // two minutes of work, in steps of a heartbeat
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(10));
            await LeaseRenewedAsync(batchId);
        }
        await SweepAsync();
        var stillOwned = !factory.Dispatcher.Dispatched.Contains((tenant.Id, batchId));
        factory.Gate.Release();
        var result = await processing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(stillOwned);
        Assert.Equal((BatchState.Done, 1), (result.State, (await BatchRowAsync(batchId)).Attempts));
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
