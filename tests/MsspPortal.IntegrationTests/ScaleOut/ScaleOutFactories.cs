using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Data;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

/// <summary>
/// One worker of a scaled-out portal: its own host, engine and owner id, over a database that other workers may share
/// (pass the first worker's database file). SQLite runs under a retrying execution strategy, as SQL Server does, so a
/// transaction begun outside the strategy fails here as it would there.
/// </summary>
public sealed class WorkerFactory(string? sharedDatabase = null, FakeTimeProvider? clock = null) : PortalFactory
{
    public FakeTimeProvider Clock { get; } = clock ?? new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public RecordingDispatcher Dispatcher { get; } = new();

    public TransientCommitFault Fault { get; } = new();

    public string DatabaseFile => sharedDatabase ?? Path.Combine(DataDirectory, "portal.db");

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Database:RetryOnFailure", "true"),
        ("ConnectionStrings:Portal", $"Data Source={DatabaseFile};Default Timeout=30;Pooling=True"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        Directory.CreateDirectory(DataDirectory);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
        services.ConfigureDbContext<SqlitePortalDbContext>(options => options.AddInterceptors(Fault));
    }
}

/// <summary>A lock conflict on commit, once, when armed: what a retrying strategy exists for.</summary>
public sealed class TransientCommitFault : DbTransactionInterceptor
{
    private int _armed;

    public int Fired { get; private set; }

    public void FailNextCommit() => Interlocked.Exchange(ref _armed, 1);

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Fired++;
            throw new SqliteException("database is locked (injected)", 5);
        }
        return ValueTask.FromResult(result);
    }
}

/// <summary>A detection stage that holds its first call until released, or throws on it (a worker dying mid-batch).</summary>
public sealed class GateStage : IDetectionStage
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public bool Throw { get; set; }

    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _entered.TrySetResult();
            if (Throw)
            {
                throw new InvalidOperationException("worker killed mid-batch");
            }
            await _release.Task.WaitAsync(cancellationToken);
        }
        return new DetectionOutcome(0, 0);
    }
}

/// <summary>The portal with a fake clock and a gate in detection, to watch leases while a batch is being worked on.</summary>
public sealed class HeartbeatFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public RecordingDispatcher Dispatcher { get; } = new();

    public GateStage Gate { get; set; } = new();

    // The demo goes through detection too, and the gate would stop (or fail) the seed before any test ran.
    protected override IEnumerable<(string Key, string Value)> Settings() => [("Portal:SeedDemo", "false")];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
        services.AddScoped<IDetectionStage>(_ => Gate);
    }
}
