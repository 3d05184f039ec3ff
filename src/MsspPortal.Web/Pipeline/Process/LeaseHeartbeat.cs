using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Keeps a batch's lease, and its worker's hold on the tenant, alive while the batch is worked on, a third of a
// lease apart. Leases can then be short: a worker that dies stops renewing, and the sweep hands its batch on once
// the lease has run out (seconds, not the ten minutes a lease had to last to cover a long batch). Runs on a scope
// (and connection) of its own, beside the processing one.
internal sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LeaseHeartbeat(IServiceScopeFactory scopes, TimeProvider clock, Lease lease, ILogger logger) =>
        _loop = RunAsync(scopes, clock, lease, logger, _stop.Token);

    public static LeaseHeartbeat Start(IServiceScopeFactory scopes, TimeProvider clock, Lease lease, ILogger logger) => new(scopes, clock, lease, logger);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(IServiceScopeFactory scopes, TimeProvider clock, Lease lease, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease.Length / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await RenewAsync(scopes, clock, lease, stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed beat is not fatal: the next one may land before the lease runs out.
                    logger.LogWarning(ex, "Lease renewal of batch {BatchId} failed", lease.BatchId);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task RenewAsync(IServiceScopeFactory scopes, TimeProvider clock, Lease lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(lease.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var until = clock.GetUtcNow() + lease.Length;
        await db.RawBatches.Where(b => b.Id == lease.BatchId && b.State == BatchState.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, until), cancellationToken);
        if (lease.Owner is { } owner)
        {
            await db.DetectionOwnerships.Where(o => o.TenantId == lease.TenantId && o.Owner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, until), cancellationToken);
        }
    }

    internal sealed record Lease(Guid TenantId, long BatchId, string? Owner, TimeSpan Length);
}
