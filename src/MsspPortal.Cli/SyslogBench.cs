using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Cli;

// mssp bench syslog --rate N --seconds S --transport udp|tcp : the portal's syslog listener, spool and processing
// on a scratch database, fed over loopback by a paced sender of tagged RFC 3164 lines from 127.0.0.1 (a registered
// source). Waits until every line is stored (or nothing moved for 10 s), then prints sent, stored, lost, the time
// to store after the last send, the kernel's drops and the queue's overflow. Ends with syslog: N msg/s, lost P% .
internal static class SyslogBench
{
    public static Command Create(CliContext context)
    {
        var rate = new Option<int>("--rate") { Description = "Messages per second", DefaultValueFactory = _ => 20_000 };
        var seconds = new Option<int>("--seconds") { Description = "How long to send", DefaultValueFactory = _ => 60 };
        var transport = new Option<string>("--transport") { Description = "udp or tcp", DefaultValueFactory = _ => "udp" };
        var command = new Command("syslog", "Measure syslog receive loss at a steady rate over loopback") { rate, seconds, transport };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (perSecond, duration, protocol) = (parsed.GetValue(rate), parsed.GetValue(seconds), parsed.GetValue(transport)?.ToLowerInvariant());
            if (perSecond <= 0 || duration <= 0 || protocol is not ("udp" or "tcp"))
            {
                return await MsspCli.UsageAsync(command, context, "--rate and --seconds must be positive, --transport udp or tcp.", cancellationToken);
            }
            var given = parsed.GetValue(context.Data);
            var data = given is { Length: > 0 } ? given : Path.Combine(Path.GetTempPath(), "mssp-bench-syslog-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                return await RunAsync(parsed, context, data, perSecond, duration, protocol == "udp", cancellationToken);
            }
            finally
            {
                if (given is not { Length: > 0 })
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(data, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, CliContext context, string data, int rate, int seconds, bool udp, CancellationToken cancellationToken)
    {
        var dispatcher = new QueueDispatcher();
        using var host = CliHost.Build(parsed, context, data, services => services.Replace(ServiceDescriptor.Singleton<IBatchDispatcher>(dispatcher)));
        var services = host.Services;
        var sourceId = await PrepareAsync(services, cancellationToken);
        var (udpPort, tcpPort) = (FreePort(SocketType.Dgram, ProtocolType.Udp), FreePort(SocketType.Stream, ProtocolType.Tcp));
        var configured = services.GetRequiredService<IOptions<IngestionOptions>>().Value;
        var listenerOptions = new IngestionOptions
        {
            Syslog =
            {
                BindAddress = "127.0.0.1", UdpPort = udp ? udpPort : 0, TcpPort = udp ? 0 : tcpPort,
                UdpReceiveBufferBytes = configured.Syslog.UdpReceiveBufferBytes, FlushInterval = configured.Syslog.FlushInterval,
            },
        };
        using var listener = new SyslogListener(services.GetRequiredService<SyslogIngestor>(), services.GetRequiredService<SyslogReceiveStats>(),
            Options.Create(listenerOptions), services.GetRequiredService<ILogger<SyslogListener>>());
        await listener.StartAsync(cancellationToken);
        await listener.Listening;
        var checkpointer = services.GetService<SqliteCheckpointer>();
        await (checkpointer?.StartAsync(cancellationToken) ?? Task.CompletedTask);
        using var stopProcessing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var processing = ProcessLoopAsync(services, dispatcher, stopProcessing.Token);

        await context.Output.WriteLineAsync($"bench syslog: {rate:N0} msg/s for {seconds} s over {(udp ? "UDP" : "TCP")} loopback into {data} (load average {LoadAverage()})");
        var target = new IPEndPoint(IPAddress.Loopback, udp ? udpPort : tcpPort);
        var clock = Stopwatch.StartNew();
        var sent = await Task.Factory.StartNew(() => Send(target, udp, rate, seconds), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var sendTime = clock.Elapsed;

        // Stored = committed as batches of the source. Waits until all are, or until the listener's queue and spool are
        // empty (what is missing then was never received) and nothing moved for 5 s; 10 minutes at most.
        var ingestor = services.GetRequiredService<SyslogIngestor>();
        var (stored, last, lastChange) = (0L, -1L, Stopwatch.StartNew());
        while (stored < sent && !(ingestor.Idle && lastChange.Elapsed > TimeSpan.FromSeconds(5)) && clock.Elapsed - sendTime < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(250, cancellationToken);
            stored = await StoredAsync(services, sourceId, cancellationToken);
            if (stored != last)
            {
                last = stored;
                lastChange.Restart();
            }
        }
        var storeTime = clock.Elapsed - sendTime - (stored < sent ? lastChange.Elapsed : TimeSpan.Zero);
        var stats = services.GetRequiredService<SyslogReceiveStats>();
        var counters = stats.Listeners.Count > 0 ? stats.Listeners[0] : null;
        await listener.StopAsync(CancellationToken.None);
        await stopProcessing.CancelAsync();
        await processing;
        await (checkpointer?.StopAsync(CancellationToken.None) ?? Task.CompletedTask);

        var lost = sent - stored;
        var percent = sent == 0 ? 0 : 100.0 * lost / sent;
        await context.Output.WriteLineAsync($"sent {sent:N0} in {sendTime.TotalSeconds:F1} s, stored {stored:N0}, lost {lost:N0}; all stored {storeTime.TotalSeconds:F1} s after the last send");
        if (counters is not null)
        {
            await context.Output.WriteLineAsync($"listener {counters.Name}: kernel drops {counters.KernelDrops:N0}, queue overflow {counters.QueueOverflow:N0}, receive buffer {counters.ReceiveBufferBytes:N0} bytes");
        }
        await context.Output.WriteLineAsync($"processed meanwhile: {dispatcher.Processed:N0} batches; load average {LoadAverage()}");
        await context.Output.WriteLineAsync($"syslog: {rate} msg/s, lost {percent:0.###}%");
        return 0;
    }

    // Paced by the clock, not by sleeps: after each millisecond tick it sends what the rate owes by then.
    private static long Send(IPEndPoint target, bool udp, int rate, int seconds)
    {
        using var socket = udp ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(target);
        var total = (long)rate * seconds;
        var clock = Stopwatch.StartNew();
        var buffer = new byte[512];
        long sent = 0;
        while (sent < total)
        {
            var owed = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < owed; sent++)
            {
                var length = Encoding.ASCII.GetBytes(Line(sent, udp), buffer);
                socket.Send(buffer.AsSpan(0, length));
            }
            Thread.Sleep(1);
        }
        if (!udp)
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        return sent;
    }

    private static string Line(long n, bool udp) =>
        $"<38>Dec  2 07:30:{n % 60:00} bench-fw sshd[4242]: Failed password for user bench{n} from 203.0.113.{n % 250} port {40000 + (n % 20000)} ssh2{(udp ? "" : "\n")}";

    private static async Task<long> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var now = TimeProvider.System.GetUtcNow();
        var tenant = new Tenant { Name = "Syslog bench", Slug = "syslog-bench", Industry = Industry.Other, Tier = ServiceTier.Essentials, TimeZone = "UTC", Currency = "EUR", CreatedAt = now };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        var source = new LogSource(tenant.Id, "bench" + Guid.NewGuid().ToString("N")[..7], "none")
        {
            Name = "bench-syslog", Vendor = "Synthetic", Product = "sshd", ExpectedFormat = LogFormat.Rfc3164,
            SourceAddresses = "127.0.0.1",
        };
        db.LogSources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return source.Id;
    }

    private static async Task<long> StoredAsync(IServiceProvider services, long sourceId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().RawBatches
            .Where(b => b.LogSourceId == sourceId && b.State != BatchState.Receiving).SumAsync(b => (long)b.LineCount, cancellationToken);
    }

    // Processes batches as the worker role does, beside the receiving: what the listener competes with.
    private static async Task ProcessLoopAsync(IServiceProvider services, QueueDispatcher dispatcher, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (tenantId, batchId) in dispatcher.Reader.ReadAllAsync(cancellationToken))
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(batchId), cancellationToken);
                dispatcher.CountProcessed();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The bench measures receiving; processing what is left is not its business.
        }
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed class QueueDispatcher : IBatchDispatcher
    {
        private readonly Channel<(Guid, long)> _queue = Channel.CreateUnbounded<(Guid, long)>();
        private long _processed;

        public ChannelReader<(Guid, long)> Reader => _queue.Reader;

        public long Processed => Interlocked.Read(ref _processed);

        public void Enqueue(Guid tenantId, long batchId) => _queue.Writer.TryWrite((tenantId, batchId));

        public void CountProcessed() => Interlocked.Increment(ref _processed);
    }
}
