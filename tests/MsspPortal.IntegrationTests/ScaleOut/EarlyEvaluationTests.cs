using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

/// <summary>
/// The rules start over a chunk before its transaction (they run while the worker waits for its write turn). Should the
/// chunk turn out written by another worker meanwhile, this engine has seen events it will not write: the batch must fail
/// and the tenant's windows go, never carry those events into the next chunk.
/// </summary>
public sealed class EarlyEvaluationTests(ChunkThiefFactory factory) : IClassFixture<ChunkThiefFactory>
{
    [Fact]
    public async Task A_chunk_written_elsewhere_after_its_rules_started_fails_the_batch_and_drops_the_windows()
    {
        var tenant = await TestTenant.CreateAsync(factory, "early");
        var source = await Workers.SourceAsync(factory, tenant);
        var batchId = await Workers.StoreAsync(factory, tenant.Id, source, Workers.FailedLogons(0, 7, "198.51.100.7"));
        factory.Thief.Arm(factory, batchId);

        var failure = await Assert.ThrowsAsync<DetectionOwnershipLostException>(() => Workers.ProcessAsync(factory, tenant.Id, batchId));

        Assert.Contains(tenant.Id.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, factory.Thief.Stolen);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.SecurityEvents.AnyAsync(e => e.BatchId == batchId)); // this worker wrote nothing of the chunk
        var batch = await db.RawBatches.AsNoTracking().SingleAsync(b => b.Id == batchId);
        Assert.Contains("owned by another worker", batch.LastError, StringComparison.Ordinal);
        Assert.Equal(-1, factory.Services.GetRequiredService<DetectionRuntime>().LoadedStateVersion(tenant.Id)); // windows forgotten
        Assert.Null(await db.DetectionOwnerships.Where(o => o.TenantId == tenant.Id).Select(o => o.Owner).SingleAsync()); // let go
    }
}

/// <summary>
/// A second detection stage that, when armed, marks the batch's next chunk written (as another worker would) the first
/// time it is asked to prepare, that is after the real stage started its rules and before the chunk is claimed.
/// </summary>
public sealed class ChunkThief : IDetectionStage
{
    private PortalFactory? _factory;
    private long _batchId;

    public int Stolen { get; private set; }

    public void Arm(PortalFactory factory, long batchId) => (_factory, _batchId) = (factory, batchId);

    public async ValueTask<Func<EvaluatedEvents>?> PrepareAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        if (_factory is { } factory && Stolen == 0)
        {
            Stolen++;
            await using var scope = factory.PlatformScope(out var db);
            await db.RawBatches.Where(b => b.Id == _batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.ChunksProcessed, b => b.ChunksProcessed + 1),
                cancellationToken);
        }
        return null;
    }

    public ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DetectionOutcome(0, 0));
}

public sealed class ChunkThiefFactory : PortalFactory
{
    public ChunkThief Thief { get; } = new();

    public RecordingDispatcher Dispatcher { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Portal:SeedDemo", "false")];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
        services.AddScoped<IDetectionStage>(_ => Thief);
    }
}
