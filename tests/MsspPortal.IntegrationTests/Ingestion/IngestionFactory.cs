using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Ingestion;

/// <summary>
/// The portal with small ingestion limits, a clock the test moves, a dispatcher that records instead of queuing
/// to Hangfire (the test runs the job itself), and a detection stage that can be told to crash mid-batch.
/// </summary>
public sealed class IngestionFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public RecordingDispatcher Dispatcher { get; } = new();

    public CrashingStage Crash { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Ingestion:MaxBodyBytes", "65536"),
        ("Ingestion:RequestsPerMinutePerKey", "1000"),
        ("Ingestion:LinesPerChunk", "3"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
        services.AddSingleton<IDetectionStage>(Crash);
    }
}

public sealed class RecordingDispatcher : IBatchDispatcher
{
    private readonly List<(Guid TenantId, long BatchId)> _dispatched = [];

    public IReadOnlyList<(Guid TenantId, long BatchId)> Dispatched
    {
        get
        {
            lock (_dispatched)
            {
                return [.. _dispatched];
            }
        }
    }

    public void Enqueue(Guid tenantId, long batchId)
    {
        lock (_dispatched)
        {
            _dispatched.Add((tenantId, batchId));
        }
    }
}

/// <summary>Simulates a worker dying part-way through a batch: throws on the chosen call, once.</summary>
public sealed class CrashingStage : IDetectionStage
{
    private int _calls;

    public int CrashOnCall { get; set; } = -1;

    public ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == CrashOnCall)
        {
            CrashOnCall = -1;
            throw new InvalidOperationException("worker killed mid-batch");
        }
        return ValueTask.FromResult(new DetectionOutcome(0, 0));
    }

    public void Reset() => Interlocked.Exchange(ref _calls, 0);
}
