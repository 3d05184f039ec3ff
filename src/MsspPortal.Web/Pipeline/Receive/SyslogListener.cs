using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Web.Pipeline;

// The thin socket host in front of SyslogIngestor: UDP datagrams and TCP streams (RFC 6587, one decoder per
// connection) on SyslogOptions' ports, plus the timer that seals spool segments and the watch on the kernel's drop
// count. The UDP loop only reads: each datagram is queued without waiting (issue 18). Stops cleanly: sockets close,
// connections end, and whatever is queued is spooled and stored before the host exits.
public sealed class SyslogListener(SyslogIngestor ingestor, SyslogReceiveStats stats, IOptions<IngestionOptions> options, ILogger<SyslogListener> logger)
    : BackgroundService
{
    // How long a stop may spend storing what is spooled; what is left is stored at the next start.
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(15);

    // More connections than this are refused: each holds a decoder and a read buffer.
    public const int MaxConnections = 1024;

    private const int TcpReadBuffer = 16 * 1024;
    private const int UdpDatagramMax = 65_535;

    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextConnection;

    // Completes once the sockets are bound (ExecuteAsync runs in the background since .NET 10).
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Syslog;
        var address = IPAddress.Parse(settings.BindAddress);
        var loops = new List<Task>();
        using var udp = settings.UdpPort > 0 ? new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp) : null;
        var tcp = settings.TcpPort > 0 ? new TcpListener(address, settings.TcpPort) : null;
        try
        {
            try
            {
                udp?.Bind(new IPEndPoint(address, settings.UdpPort));
                tcp?.Start(backlog: 512);
                _listening.TrySetResult();
            }
            catch (SocketException ex)
            {
                // A taken port must not take the jobs and the HTTP API down with it: say so loudly and carry on.
                logger.LogCritical(ex, "Syslog listener cannot bind {Address} udp/{Udp} tcp/{Tcp}; syslog is NOT being received",
                    settings.BindAddress, settings.UdpPort, settings.TcpPort);
                _listening.TrySetException(ex);
                return;
            }
            loops.Add(FlushLoopAsync(settings.FlushInterval, stoppingToken));
            loops.Add(ingestor.RunAsync(stoppingToken));
            if (udp is not null)
            {
                var counters = stats.Listener($"udp/{settings.UdpPort}");
                counters.ReceiveBufferBytes = UdpSocketTuning.SetReceiveBuffer(udp, settings.UdpReceiveBufferBytes, logger);
                loops.Add(UdpLoopAsync(udp, counters, stoppingToken));
                loops.Add(DropWatchAsync(udp, counters, settings.DropCheckInterval, stoppingToken));
            }
            if (tcp is not null)
            {
                loops.Add(TcpLoopAsync(tcp, stoppingToken));
            }
            await Task.WhenAll(loops);
        }
        finally
        {
            tcp?.Stop();
            await Task.WhenAll(_connections.Values);
            // Lines received before the stop are spooled and stored, not dropped with the process; what the time does not
            // allow to be stored stays in the spool for the next start.
            using var budget = new CancellationTokenSource(StopBudget);
            try
            {
                await ingestor.FlushAsync(all: true, budget.Token);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                logger.LogError("Syslog stop: storing the spool took over {Budget}; the rest is stored at the next start", StopBudget);
            }
        }
    }

    private async Task FlushLoopAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval / 2 > TimeSpan.FromMilliseconds(100) ? interval / 2 : TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ingestor.FlushAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Syslog flush timer stopped");
        }
    }

    // A thread of its own, blocking in recvfrom, that only reads and queues: with the loop on the thread pool, each
    // datagram's continuation waited for a pool thread behind processing's work, and on 2 busy cores the kernel's
    // buffer overflowed meanwhile. A short receive timeout lets it see the stop.
    private Task UdpLoopAsync(Socket socket, SyslogReceiveStats.ListenerCounters counters, CancellationToken stoppingToken)
    {
        logger.LogInformation("Syslog listening on udp/{Endpoint} (receive buffer {Bytes:N0} bytes)", socket.LocalEndPoint, counters.ReceiveBufferBytes);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Receive(socket, counters, stoppingToken);
                finished.TrySetResult();
            }
            catch (Exception ex)
            {
                finished.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = "syslog-udp" };
        thread.Start();
        return finished.Task;
    }

    private void Receive(Socket socket, SyslogReceiveStats.ListenerCounters counters, CancellationToken stoppingToken)
    {
        var buffer = new byte[UdpDatagramMax];
        EndPoint remote = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        socket.ReceiveTimeout = 250;
        while (!stoppingToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, ref remote);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException ex)
            {
                // ICMP port-unreachable and similar surface here on some platforms; one datagram's problem, not the listener's.
                logger.LogDebug(ex, "UDP receive failed");
                continue;
            }
            // Never waits: the socket is read again at once, whatever the spool and the database are doing.
            ingestor.TryOffer(((IPEndPoint)remote).Address, buffer.AsMemory(0, received), counters);
        }
    }

    // Reads the kernel's drop count for the socket and the queue's overflow; logs when either grew.
    private async Task DropWatchAsync(Socket socket, SyslogReceiveStats.ListenerCounters counters, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(5));
        var overflow = 0L;
        try
        {
            do
            {
                if (UdpSocketTuning.KernelDrops(socket) is { } drops && stats.KernelDrops(counters, drops) is var grown and > 0)
                {
                    logger.LogWarning("Syslog {Listener}: the kernel dropped {Grown} datagrams (receive buffer full; {Total} since start). Raise Ingestion:Syslog:UdpReceiveBufferBytes and net.core.rmem_max, or send over TCP",
                        counters.Name, grown, drops);
                }
                if (counters.QueueOverflow > overflow)
                {
                    logger.LogWarning("Syslog {Listener}: {Grown} datagrams found the queue full and were dropped ({Total} since start)",
                        counters.Name, counters.QueueOverflow - overflow, counters.QueueOverflow);
                    overflow = counters.QueueOverflow;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Syslog drop watch stopped");
        }
    }

    private async Task TcpLoopAsync(TcpListener listener, CancellationToken stoppingToken)
    {
        logger.LogInformation("Syslog listening on tcp/{Endpoint}", listener.LocalEndpoint);
        while (!stoppingToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            if (_connections.Count >= MaxConnections)
            {
                logger.LogWarning("Syslog TCP connection from {Remote} refused: {Max} connections already open", client.Client.RemoteEndPoint, MaxConnections);
                client.Dispose();
                continue;
            }
            var id = Interlocked.Increment(ref _nextConnection);
            // The connection starts only once registered, so its own removal can never precede its addition.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[id] = ServeAsync(id, client, registered.Task, stoppingToken);
            registered.SetResult();
        }
    }

    private async Task ServeAsync(int id, TcpClient client, Task registered, CancellationToken stoppingToken)
    {
        await registered;
        var maxFrame = options.Value.MaxLineBytes;
        var sender = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
        var decoder = new SyslogFrameDecoder(SyslogFraming.Auto, maxFrame);
        var frames = new List<SyslogFrame>();
        var buffer = new byte[TcpReadBuffer];
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                int read;
                while ((read = await stream.ReadAsync(buffer, stoppingToken)) > 0)
                {
                    decoder.Decode(buffer.AsSpan(0, read), frames);
                    await DeliverAsync(sender, frames, stoppingToken);
                }
                decoder.Complete(frames);
                await DeliverAsync(sender, frames, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogDebug("Syslog TCP connection {Id} closed by shutdown", id);
        }
        catch (IOException ex)
        {
            logger.LogDebug(ex, "Syslog TCP connection {Id} from {Sender} ended abruptly", id, sender);
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    private async Task DeliverAsync(IPAddress sender, List<SyslogFrame> frames, CancellationToken stoppingToken)
    {
        foreach (var frame in frames)
        {
            if (frame.Message is { } message)
            {
                await ingestor.ReceiveAsync(sender, message, stoppingToken);
            }
            else
            {
                // The decoder discards the rest of this stream; the sender sees nothing, so the log says why.
                logger.LogWarning("Syslog TCP stream from {Sender}: {Error}; the rest of the connection is ignored", sender, frame.Error);
            }
        }
        frames.Clear();
    }
}
