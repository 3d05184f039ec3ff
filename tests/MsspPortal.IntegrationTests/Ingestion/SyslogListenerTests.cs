using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Ingestion;

/// <summary>The real listener on free loopback ports, fed by real UDP and TCP sockets; the test flushes and processes.</summary>
public sealed class SyslogListenerTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Udp_datagrams_and_tcp_frames_in_both_framings_from_a_known_address_become_one_syslog_batch_of_its_tenant()
    {
        var (tenant, sourceId) = await SourceAsync("127.0.0.1");
        var marker = Guid.NewGuid().ToString("N")[..8];
        string[] udpLines =
        [
            $"<38>Nov 29 05:58:01 bastion-01 sshd[411]: Failed password for invalid user u{marker} from 203.0.113.7 port 50112 ssh2",
            $"<38>Nov 29 05:58:02 bastion-01 sshd[411]: Failed password for root from 203.0.113.7 port 50113 ssh2 {marker}",
        ];
        string[] newlineFramed =
        [
            $"<86>Nov 29 05:58:03 bastion-01 sudo: {marker} : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/bin/ls",
            $"CEF:0|Imperva Inc.|SecureSphere|12.0|4|SQL injection {marker}|High|src=198.51.100.4 dst=10.10.1.20 spt=41000 dpt=443 act=blocked",
        ];
        var octetCounted = $"<165>1 2026-11-29T05:58:04Z fw-01 app 42 ID47 - hello {marker}\nsecond half";
        const string rfc3164 = "<14>Mar  7 07:07:07 nas-01 smbd: share opened";

        var ingestor = factory.Services.GetRequiredService<SyslogIngestor>();
        factory.Services.GetRequiredService<SyslogSourceMap>().Invalidate();
        var before = ingestor.Received;
        await using (var listener = await StartListenerAsync(ingestor))
        {
            using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                foreach (var line in udpLines)
                {
                    await udp.SendAsync(Encoding.UTF8.GetBytes(line), listener.Udp);
                }
            }
            await SendTcpAsync(listener.Tcp, string.Concat(newlineFramed.Select(l => l + "\n")));
            await SendTcpAsync(listener.Tcp, $"{Encoding.UTF8.GetByteCount(octetCounted)} {octetCounted}");
            await SendTcpAsync(listener.Tcp, $"{rfc3164.Length} {rfc3164}");
            await WaitUntilAsync(() => ingestor.Received - before >= 6);
        }

        await using var scope = factory.PlatformScope(out var db);
        var batch = await db.RawBatches.SingleAsync(b => b.LogSourceId == sourceId);
        Assert.Equal((tenant.Id, IngestChannel.Syslog, 6), (batch.TenantId, batch.Channel, batch.LineCount));
        var stored = (await db.RawBatchChunks.AsNoTracking().Where(c => c.BatchId == batch.Id).OrderBy(c => c.Sequence).ToListAsync())
            .SelectMany(c => Encoding.UTF8.GetString(StoredChunks.Decoded(c)).Split('\n')).Order(StringComparer.Ordinal).ToList();
        string[] expected = [.. udpLines, .. newlineFramed, octetCounted.Replace('\n', ' '), rfc3164];
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored);
        Assert.Contains((tenant.Id, batch.Id), factory.Dispatcher.Dispatched);

        await using (var jobScope = factory.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<ProcessBatchJob>(jobScope.ServiceProvider).RunAsync(tenant.Id, batch.Id, CancellationToken.None);
        }
        var events = await db.SecurityEvents.Where(e => e.BatchId == batch.Id).ToListAsync();
        Assert.True(events.Count >= 5, $"expected the syslog, sudo, CEF and RFC 5424 lines to parse, got {events.Count} events");
        Assert.All(events, e => Assert.Equal(tenant.Id, e.TenantId));
        Assert.Contains(events, e => e.UserName == "u" + marker && e.Outcome == EventOutcome.Failure);
    }

    [Fact]
    public async Task An_unknown_sender_is_counted_with_a_sample_and_nothing_is_stored_as_a_batch()
    {
        var (_, sourceId) = await SourceAsync("127.0.0.2");
        var ingestor = factory.Services.GetRequiredService<SyslogIngestor>();
        factory.Services.GetRequiredService<SyslogSourceMap>().Invalidate();
        var marker = Guid.NewGuid().ToString("N")[..8];

        await using (var listener = await StartListenerAsync(ingestor))
        {
            // Loopback is a /8 on Linux: the datagrams really come from 127.0.0.3, which no source lists.
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 0));
            for (var i = 0; i < 3; i++)
            {
                await udp.SendAsync(Encoding.UTF8.GetBytes($"<13>Nov 29 06:00:0{i} intruder app: probe {marker} {i}"), listener.Udp);
            }
            await WaitUntilAsync(async () =>
            {
                await ingestor.FlushAsync(all: true, CancellationToken.None);
                await using var check = factory.PlatformScope(out var db);
                return await db.UnknownSyslogSenders.AnyAsync(u => u.Address == "127.0.0.3" && u.Datagrams >= 3);
            });
        }

        await using var scope = factory.PlatformScope(out var db);
        var unknown = await db.UnknownSyslogSenders.SingleAsync(u => u.Address == "127.0.0.3");
        Assert.Equal(3, unknown.Datagrams);
        Assert.Equal($"<13>Nov 29 06:00:02 intruder app: probe {marker} 2", unknown.LastSample);
        Assert.True(unknown.FirstSeen <= unknown.LastSeen);
        Assert.False(await db.RawBatches.AnyAsync(b => b.LogSourceId == sourceId));
    }

    [Fact]
    public async Task Platform_admins_see_unknown_senders_with_their_sample_encoded_and_analysts_are_denied()
    {
        var address = $"192.0.2.{Random.Shared.Next(1, 250)}";
        await using (var scope = factory.PlatformScope(out var db))
        {
            await db.UnknownSyslogSenders.Where(u => u.Address == address).ExecuteDeleteAsync();
            db.UnknownSyslogSenders.Add(new UnknownSyslogSender
            {
                Address = address, Datagrams = 4242, FirstSeen = factory.Clock.GetUtcNow(), LastSeen = factory.Clock.GetUtcNow(),
                LastSample = "<13>Nov 29 06:00:00 evil app: <script>alert(1)</script>",
            });
            await db.SaveChangesAsync();
        }

        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);
        var page = await admin.GetStringAsync("/Ingestion/UnknownSenders");
        var analyst = await factory.SignInAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var denied = await analyst.GetAsync("/Ingestion/UnknownSenders");

        Assert.Contains(address, page, StringComparison.Ordinal);
        Assert.Contains("4,242", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }

    private async Task<(TestTenant Tenant, long SourceId)> SourceAsync(string addresses)
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        await using var scope = factory.PlatformScope(out var db);
        // Loopback addresses are test-only: free whatever another test's source claims before taking them.
        await db.LogSources.Where(s => s.SourceAddresses == addresses).ExecuteUpdateAsync(s => s.SetProperty(x => x.SourceAddresses, ""));
        var source = new LogSource(tenant.Id, Guid.NewGuid().ToString("N")[..12], "x.y") { Name = "syslog-" + tenant.Marker, Vendor = "Mixed", Product = "Mixed", ExpectedFormat = LogFormat.Auto,
            SourceAddresses = "10.0.0.9, " + addresses };
        db.LogSources.Add(source);
        await db.SaveChangesAsync();
        return (tenant, source.Id);
    }

    private static async Task SendTcpAsync(IPEndPoint endpoint, string content)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(endpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(content));
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, "condition not met within " + Patience);
            await Task.Delay(50);
        }
    }

    private async Task<RunningListener> StartListenerAsync(SyslogIngestor ingestor)
    {
        var (udp, tcp) = (FreePort(SocketType.Dgram, ProtocolType.Udp), FreePort(SocketType.Stream, ProtocolType.Tcp));
        var options = new IngestionOptions { Syslog = { BindAddress = "127.0.0.1", UdpPort = udp, TcpPort = tcp, FlushInterval = TimeSpan.FromHours(1) } };
        var listener = new SyslogListener(ingestor, factory.Services.GetRequiredService<SyslogReceiveStats>(), Options.Create(options), NullLogger<SyslogListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await listener.Listening.WaitAsync(Patience);
        return new RunningListener(listener, new IPEndPoint(IPAddress.Loopback, udp), new IPEndPoint(IPAddress.Loopback, tcp));
    }

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Stopping flushes the buffers: what was received is stored before the listener is gone.</summary>
    private sealed record RunningListener(SyslogListener Listener, IPEndPoint Udp, IPEndPoint Tcp) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            await Listener.StopAsync(timeout.Token);
            Listener.Dispose();
        }
    }
}
