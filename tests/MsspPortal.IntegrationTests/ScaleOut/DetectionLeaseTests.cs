using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

public sealed class DetectionLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_fresh_committed_lease_is_not_written_again_a_rolled_back_one_does_not_count_and_a_taken_one_is_refused()
    {
        using var worker = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(worker, "lease");
        var start = worker.Clock.GetUtcNow();
        await using var scope = worker.PlatformScope(out var db);
        var owner = scope.ServiceProvider.GetRequiredService<DetectionOwner>();
        async Task<DateTimeOffset?> LeaseUntilAsync() =>
            await db.DetectionOwnerships.AsNoTracking().Where(o => o.TenantId == tenant.Id).Select(o => o.LeaseUntil).SingleAsync();

        Assert.True(await owner.TryAcquireAsync(tenant.Id, Lease, CancellationToken.None));
        worker.Clock.Advance(TimeSpan.FromSeconds(5));
        await owner.RenewAsync(tenant.Id, Lease, CancellationToken.None);
        var afterFive = await LeaseUntilAsync();

        worker.Clock.Advance(TimeSpan.FromSeconds(6)); // 11 s: over a third of the lease, so it is written
        await owner.RenewAsync(tenant.Id, Lease, CancellationToken.None);
        var afterEleven = await LeaseUntilAsync();
        // No ChunkCommitted: as if the chunk rolled back, so the next chunk writes again.
        worker.Clock.Advance(TimeSpan.FromSeconds(1));
        await owner.RenewAsync(tenant.Id, Lease, CancellationToken.None);
        owner.ChunkCommitted(tenant.Id);
        var afterTwelve = await LeaseUntilAsync();
        worker.Clock.Advance(TimeSpan.FromSeconds(5));
        await owner.RenewAsync(tenant.Id, Lease, CancellationToken.None);
        var afterSeventeen = await LeaseUntilAsync();

        Assert.Equal(start + Lease, afterFive);
        Assert.Equal(start.AddSeconds(11) + Lease, afterEleven);
        Assert.Equal(start.AddSeconds(12) + Lease, afterTwelve);
        Assert.Equal(afterTwelve, afterSeventeen);

        // This worker stalls past its lease; another takes the tenant. The next chunk must be refused.
        worker.Clock.Advance(TimeSpan.FromSeconds(40));
        var now = worker.Clock.GetUtcNow();
        await db.DetectionOwnerships.Where(o => o.TenantId == tenant.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Owner, "other-worker").SetProperty(o => o.LeaseUntil, now + Lease));
        await Assert.ThrowsAsync<DetectionOwnershipLostException>(() => owner.RenewAsync(tenant.Id, Lease, CancellationToken.None));
    }
}
