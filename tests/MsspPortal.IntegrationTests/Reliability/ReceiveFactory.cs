using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Reliability;

/// <summary>
/// The portal as it runs, with a short SQLite busy timeout (1 s instead of 30 s, so contention shows in seconds), small
/// chunks, a 2 MB JSON line limit, a detection stage that can be told to hold its chunk's transaction (a long batch
/// holding the write lock), a spool whose disk can be made full, and a dispatcher that records (the test runs jobs).
/// </summary>
public sealed class ReceiveFactory : PortalFactory
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public RecordingDispatcher Dispatcher { get; } = new();

    public HoldingStage Hold { get; } = new();

    public FullDiskSpoolFiles Disk { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Database:BusyTimeout", "00:00:01"),
        ("Ingestion:LinesPerChunk", "50"),
        ("Ingestion:MaxJsonLineBytes", (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Ingestion:RequestsPerMinutePerKey", "10000"),
        ("Ingestion:Syslog:FlushInterval", "00:00:00.500"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
        services.Replace(ServiceDescriptor.Singleton<SpoolFiles>(Disk));
        services.AddSingleton<IDetectionStage>(Hold);
    }

    public async Task<RunningListener> StartListenerAsync()
    {
        var (udp, tcp) = (FreePort(SocketType.Dgram, ProtocolType.Udp), FreePort(SocketType.Stream, ProtocolType.Tcp));
        var options = new IngestionOptions
        {
            Syslog = { BindAddress = "127.0.0.1", UdpPort = udp, TcpPort = tcp, FlushInterval = TimeSpan.FromMilliseconds(500), DropCheckInterval = TimeSpan.FromMilliseconds(200) },
        };
        var listener = new SyslogListener(Services.GetRequiredService<SyslogIngestor>(), Services.GetRequiredService<SyslogReceiveStats>(),
            Options.Create(options), NullLogger<SyslogListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Patience);
        return new RunningListener(listener, new IPEndPoint(IPAddress.Loopback, udp), new IPEndPoint(IPAddress.Loopback, tcp));
    }

    /// <summary>A syslog source for a loopback address (freed from any other source first), and its tenant.</summary>
    public async Task<(TestTenant Tenant, long SourceId)> SyslogSourceAsync(string address, string? timeZone = null)
    {
        var tenant = await TestTenant.CreateAsync(this, "r");
        await using var scope = PlatformScope(out var db);
        await db.LogSources.Where(s => s.SourceAddresses == address).ExecuteUpdateAsync(s => s.SetProperty(x => x.SourceAddresses, ""));
        var source = new LogSource(tenant.Id, Guid.NewGuid().ToString("N")[..12], "x.y")
        {
            Name = "syslog-" + tenant.Marker, Vendor = "Mixed", Product = "Mixed", ExpectedFormat = Core.Events.LogFormat.Auto,
            SourceAddresses = address, TimeZone = timeZone,
        };
        db.LogSources.Add(source);
        await db.SaveChangesAsync();
        Services.GetRequiredService<SyslogSourceMap>().Invalidate();
        return (tenant, source.Id);
    }

    public async Task<int> StoredSyslogLinesAsync(long sourceId)
    {
        await using var scope = PlatformScope(out var db);
        return await db.RawBatches.Where(b => b.LogSourceId == sourceId && b.State != BatchState.Receiving).SumAsync(b => b.LineCount);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>>? explain = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail("condition not met within " + Patience + (explain is null ? "" : ": " + await explain()));
            }
            await Task.Delay(50);
        }
    }

    public async Task<string> HealthAsync()
    {
        var response = await CreateClient().GetAsync("/health/ready");
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public sealed record RunningListener(SyslogListener Listener, IPEndPoint Udp, IPEndPoint Tcp) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            await Listener.StopAsync(timeout.Token);
            Listener.Dispose();
        }
    }
}

/// <summary>Holds each chunk's transaction of one tenant's batch (and so SQLite's write lock) for a while: a long batch.</summary>
public sealed class HoldingStage : IDetectionStage
{
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid? Tenant { get; set; }

    public TimeSpan HoldFor { get; set; } = TimeSpan.FromSeconds(2);

    public Task Holding => _holding.Task;

    public async ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        if (tenantId == Tenant)
        {
            _holding.TrySetResult();
            await Task.Delay(HoldFor, cancellationToken);
        }
        return new DetectionOutcome(0, 0);
    }
}

/// <summary>The spool's disk, which a test can fill: every write then fails as a full disk does (ENOSPC).</summary>
public sealed class FullDiskSpoolFiles : SpoolFiles
{
    private int _refused;

    public bool Full { get; set; }

    public int Refused => Volatile.Read(ref _refused);

    public override Stream Open(string path)
    {
        if (Full)
        {
            Interlocked.Increment(ref _refused);
            throw NoSpace();
        }
        return base.Open(path);
    }

    public override void Commit(Stream stream, bool syncToDisk)
    {
        if (Full)
        {
            Interlocked.Increment(ref _refused);
            throw NoSpace();
        }
        base.Commit(stream, syncToDisk);
    }

    private static IOException NoSpace() => new("No space left on device", 28);
}
