using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Reliability;

/// <summary>
/// The faults of issues 11 and 18 on the receive path, replayed against the real portal, sockets and SQLite file
/// (docs/reliability.md lists each with its promise). Bounded: each test ends within about 20 seconds.
/// </summary>
public sealed class ReceivePathTests(ReceiveFactory factory) : IClassFixture<ReceiveFactory>
{
    [Fact]
    public async Task While_a_long_batch_holds_the_write_lock_syslog_and_http_lose_nothing_and_no_request_fails()
    {
        var (tenant, _, key) = await ApiSourceAsync(LogFormat.Auto);
        var (syslogTenant, syslogSource) = await factory.SyslogSourceAsync("127.0.0.1");
        // A long batch of failed logins from one address: 4 chunks, each holding SQLite's write lock for 1.5 s.
        var attack = string.Join("\n", Enumerable.Range(1, 200).Select(i =>
            $"<38>Nov 29 05:58:{i % 60:00} bastion-01 sshd[411]: Failed password for root from 203.0.113.7 port {40000 + i} ssh2"));
        var big = await (await PostAsync(factory.CreateClient(), key, attack)).Content.ReadFromJsonAsync<IngestAccepted>();
        factory.Hold.Tenant = tenant.Id;
        factory.Hold.HoldFor = TimeSpan.FromSeconds(1.5);
        var processing = RunJobAsync(tenant.Id, big!.BatchId);
        await factory.Hold.Holding.WaitAsync(ReceiveFactory.Patience);

        var marker = Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage[] answers;
        await using (var listener = await factory.StartListenerAsync())
        {
            var http = Enumerable.Range(1, 12).Select(i => PostAsync(factory.CreateClient(), key,
                $"<38>Nov 29 06:00:{i:00} web-01 sshd[9]: Accepted password for u{i}{marker} from 198.51.100.{i} port 5{i}000 ssh2")).ToList();
            using (var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                for (var i = 0; i < 300; i++)
                {
                    await udp.SendAsync(Encoding.UTF8.GetBytes($"<38>Nov 29 06:01:00 fw-01 sshd[7]: Failed password for x{i}{marker} from 192.0.2.1 port {i} ssh2"), listener.Udp);
                    if (i % 50 == 0)
                    {
                        await Task.Delay(100);
                    }
                }
            }
            await SendTcpAsync(listener.Tcp, string.Concat(Enumerable.Range(0, 100).Select(i => $"<38>Nov 29 06:02:00 fw-01 app: tcp {i} {marker}\n")));
            answers = await Task.WhenAll(http);
            await processing;
            await ReceiveFactory.WaitUntilAsync(async () => await factory.StoredSyslogLinesAsync(syslogSource) >= 400);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(400, await factory.StoredSyslogLinesAsync(syslogSource));
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(BatchState.Done, (await db.RawBatches.SingleAsync(b => b.Id == big.BatchId)).State);
        Assert.Equal(12, await db.RawBatches.CountAsync(b => b.TenantId == tenant.Id && b.Id != big.BatchId && b.State == BatchState.Pending));
        Assert.False(factory.Services.GetRequiredService<SyslogReceiveStats>().OverflowBySender.ContainsKey("127.0.0.1"));
        Assert.NotEqual(syslogTenant.Id, tenant.Id);
    }

    [Fact]
    public async Task A_gzip_body_cut_before_its_trailer_is_400_and_nothing_of_it_is_stored()
    {
        var (_, source, key) = await ApiSourceAsync(LogFormat.Auto);
        var lines = string.Concat(Enumerable.Range(1, 20_000).Select(i =>
            $"<38>Nov 29 05:58:01 bastion-01 sshd[411]: Failed password for invalid user trunc{i} from 203.0.113.{i % 250} port {i} ssh2\n"));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(lines));
        }
        var whole = compressed.ToArray();

        var cut = await PostGzipAsync(key, whole[..^5000]);
        var problem = await cut.Content.ReadAsStringAsync();
        var complete = await PostGzipAsync(key, whole);

        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("trailer", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, complete.StatusCode);
        Assert.Equal(20_000, (await complete.Content.ReadFromJsonAsync<IngestAccepted>())!.Lines);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.RawBatches.CountAsync(b => b.LogSourceId == source));
    }

    [Fact]
    public async Task A_cloudtrail_file_on_one_line_of_a_megabyte_is_kept_whole_and_split_into_one_line_per_record()
    {
        var (tenant, source, key) = await ApiSourceAsync(LogFormat.Json);
        var records = Enumerable.Range(0, 4000).Select(i =>
            $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-29T05:{i / 100 % 60:00}:{i % 60:00}Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"198.51.100.{i % 250}\",\"userIdentity\":{{\"type\":\"IAMUser\",\"userName\":\"user{i}\"}},\"responseElements\":{{\"ConsoleLogin\":\"Failure\"}}}}").ToList();
        var file = "{\"Records\":[" + string.Join(",", records) + "]}";
        Assert.True(Encoding.UTF8.GetByteCount(file) > 1_000_000);

        var response = await PostAsync(factory.CreateClient(), key, file);
        var accepted = await response.Content.ReadFromJsonAsync<IngestAccepted>();
        await RunJobAsync(tenant.Id, accepted!.BatchId);

        Assert.Equal((HttpStatusCode.Accepted, 4000), (response.StatusCode, accepted.Lines));
        await using var scope = factory.PlatformScope(out var db);
        var events = await db.SecurityEvents.Where(e => e.LogSourceId == source).OrderBy(e => e.LineNumber).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 4000), events.Select(e => e.LineNumber));
        Assert.Equal("user3999", events[^1].UserName);
        Assert.Equal(records[3999], events[^1].RawLine);
        Assert.False(await db.QuarantinedLines.AnyAsync(q => q.LogSourceId == source));
    }

    [Fact]
    public async Task A_top_level_json_array_is_one_line_per_object_and_an_ordinary_json_line_or_an_envelope_with_more_stays_whole()
    {
        var (_, _, key) = await ApiSourceAsync(LogFormat.Json);
        var body = "[{\"event\":1},{\"event\":2,\"nested\":[{\"a\":1}]},{\"event\":3}]\n" +
            "{\"Records\":[{\"a\":1}],\"digest\":true}\n" +
            "{\"message\":\"plain\"}\n";

        var accepted = await (await PostAsync(factory.CreateClient(), key, body)).Content.ReadFromJsonAsync<IngestAccepted>();

        Assert.Equal(5, accepted!.Lines);
        await using var scope = factory.PlatformScope(out var db);
        var content = Encoding.UTF8.GetString((await db.RawBatchChunks.AsNoTracking().Where(c => c.BatchId == accepted.BatchId).OrderBy(c => c.Sequence).ToListAsync()).SelectMany(c => StoredChunks.Decoded(c).Append((byte)'\n')).ToArray());
        Assert.Equal(["{\"event\":1}", "{\"event\":2,\"nested\":[{\"a\":1}]}", "{\"event\":3}", "{\"Records\":[{\"a\":1}],\"digest\":true}", "{\"message\":\"plain\"}"],
            content.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_line_over_the_sources_limit_refuses_the_batch_with_the_reason_and_stores_no_cut_copy()
    {
        var (_, textSource, textKey) = await ApiSourceAsync(LogFormat.Rfc3164);
        var (_, jsonSource, jsonKey) = await ApiSourceAsync(LogFormat.Json);
        var longText = "<38>Nov 29 05:58:01 host app: first\n<38>Nov 29 05:58:02 host app: " + new string('a', 70_000) + "\n";
        var longJson = "{\"message\":\"" + new string('b', 3 * 1024 * 1024) + "\"}";

        var text = await PostAsync(factory.CreateClient(), textKey, longText);
        var json = await PostAsync(factory.CreateClient(), jsonKey, longJson);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, text.StatusCode);
        Assert.Contains("Line 2 is longer than this source's limit of 65,536 bytes", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.Contains("Line 1 is longer than this source's limit of 2,097,152 bytes", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.RawBatches.AnyAsync(b => b.LogSourceId == textSource || b.LogSourceId == jsonSource));
    }

    [Fact]
    public async Task A_line_with_nul_bytes_is_quarantined_with_its_bytes_as_received_and_shown_with_visible_nuls()
    {
        var (tenant, source, key) = await ApiSourceAsync(LogFormat.Rfc3164);
        var withNul = "junk\0before\0after";
        var onlyNuls = new string('\0', 1000);

        var accepted = await (await PostAsync(factory.CreateClient(), key, withNul + "\n" + onlyNuls + "\n")).Content.ReadFromJsonAsync<IngestAccepted>();
        await RunJobAsync(tenant.Id, accepted!.BatchId);

        await using (var scope = factory.PlatformScope(out var db))
        {
            var lines = await db.QuarantinedLines.Where(q => q.LogSourceId == source).OrderBy(q => q.LineNumber).ToListAsync();
            Assert.Equal(2, lines.Count);
            Assert.Equal(Encoding.UTF8.GetBytes(withNul), lines[0].RawBytes);
            Assert.Equal("junk\u2400before\u2400after", lines[0].RawLine);
            Assert.Equal(1000, lines[1].RawBytes!.Length);
            Assert.All(lines[1].RawBytes!, b => Assert.Equal(0, b));
            Assert.Equal(new string('\u2400', 1000), lines[1].RawLine);
        }
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = await analyst.GetStringAsync($"/LogSources/Quarantine/{source}");
        Assert.Contains("junk\u2400before\u2400after", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sources_own_time_zone_moves_a_zone_less_timestamp_through_real_ingestion()
    {
        var (tenant, tenantZoned, tenantKey) = await ApiSourceAsync(LogFormat.Rfc3164);
        var (_, berlin, berlinKey) = await ApiSourceAsync(LogFormat.Rfc3164, tenant, "Europe/Berlin");
        const string line = "<38>Nov 29 05:58:01 bastion-01 sshd[411]: Failed password for root from 203.0.113.7 port 50112 ssh2";

        var first = await (await PostAsync(factory.CreateClient(), tenantKey, line)).Content.ReadFromJsonAsync<IngestAccepted>();
        var second = await (await PostAsync(factory.CreateClient(), berlinKey, line)).Content.ReadFromJsonAsync<IngestAccepted>();
        await RunJobAsync(tenant.Id, first!.BatchId);
        await RunJobAsync(tenant.Id, second!.BatchId);

        await using var scope = factory.PlatformScope(out var db);
        var inTenantZone = await db.SecurityEvents.SingleAsync(e => e.LogSourceId == tenantZoned);
        var inBerlin = await db.SecurityEvents.SingleAsync(e => e.LogSourceId == berlin);
        Assert.Equal(new TimeSpan(5, 58, 1), inTenantZone.Timestamp.UtcDateTime.TimeOfDay); // the tenant is UTC
        Assert.Equal(new TimeSpan(4, 58, 1), inBerlin.Timestamp.UtcDateTime.TimeOfDay); // 05:58 in Berlin (CET) is 04:58 UTC
        Assert.Equal("Europe/Berlin", (await db.LogSources.SingleAsync(s => s.Id == berlin)).TimeZone);
    }

    [Fact]
    public async Task With_the_database_locked_syslog_waits_in_the_spool_health_is_degraded_http_answers_503_and_all_is_stored_after()
    {
        var (_, _, key) = await ApiSourceAsync(LogFormat.Auto);
        var (_, source) = await factory.SyslogSourceAsync("127.0.0.4");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var client = factory.CreateClient();
        await using var listener = await factory.StartListenerAsync();

        // Another process holds SQLite's write lock (a long migration, a backup, a stuck writer): 4 s against a 1 s busy timeout.
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "portal.db")}"))
        {
            await blocker.OpenAsync();
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }
            using (var udp = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 0)))
            {
                for (var i = 0; i < 100; i++)
                {
                    await udp.SendAsync(Encoding.UTF8.GetBytes($"<38>Nov 29 06:01:00 fw-02 app: locked {i} {marker}"), listener.Udp);
                }
            }
            await SendTcpAsync(listener.Tcp, string.Concat(Enumerable.Range(0, 100).Select(i => $"<38>Nov 29 06:02:00 fw-02 app: tcp {i} {marker}\n")), "127.0.0.4");
            var refused = await PostAsync(client, key, "<38>Nov 29 06:03:00 web-01 app: during the lock " + marker);
            await ReceiveFactory.WaitUntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal(0, await factory.StoredSyslogLinesAsync(source));
            await Task.Delay(TimeSpan.FromSeconds(2));
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        // Unattended: the drainer's retry stores everything once the lock is gone, and health recovers.
        await ReceiveFactory.WaitUntilAsync(async () => await factory.StoredSyslogLinesAsync(source) >= 200);
        Assert.Equal(200, await factory.StoredSyslogLinesAsync(source));
        // (Only the spool's line is checked: another test's deliberate UDP loss keeps syslog Degraded for a while.)
        await ReceiveFactory.WaitUntilAsync(async () => !(await factory.HealthAsync()).Contains("Syslog spool", StringComparison.Ordinal), factory.HealthAsync);
        var again = await PostAsync(client, key, "<38>Nov 29 06:03:00 web-01 app: during the lock " + marker);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task With_the_spool_disk_full_tcp_lines_are_held_not_lost_health_says_why_and_all_are_stored_after()
    {
        var (_, source) = await factory.SyslogSourceAsync("127.0.0.5");
        var client = factory.CreateClient();
        await using var listener = await factory.StartListenerAsync();
        factory.Disk.Full = true;
        try
        {
            await SendTcpAsync(listener.Tcp, string.Concat(Enumerable.Range(0, 150).Select(i => $"<38>Nov 29 06:02:00 fw-03 app: full {i}\n")), "127.0.0.5");
            await ReceiveFactory.WaitUntilAsync(() => Task.FromResult(factory.Disk.Refused > 0));
            // The refusal is counted as the write throws; the writer records why a moment later, so health is awaited.
            await ReceiveFactory.WaitUntilAsync(async () => (await factory.HealthAsync()).Contains("No space left on device", StringComparison.Ordinal), factory.HealthAsync);
            var health = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("No space left on device", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await factory.StoredSyslogLinesAsync(source));
        }
        finally
        {
            factory.Disk.Full = false;
        }

        await ReceiveFactory.WaitUntilAsync(async () => await factory.StoredSyslogLinesAsync(source) >= 150);
        Assert.Equal(150, await factory.StoredSyslogLinesAsync(source));
        Assert.False(factory.Services.GetRequiredService<SyslogReceiveStats>().LostBySource.ContainsKey(source));
    }

    [Fact]
    public async Task Udp_datagrams_the_queue_cannot_take_are_counted_per_sender_shown_on_the_ingestion_page_and_degrade_health()
    {
        var stats = factory.Services.GetRequiredService<SyslogReceiveStats>();
        var options = Options.Create(new IngestionOptions { Syslog = { QueueCapacity = 10 } });
        // An ingestor whose writer is not running: its queue of 10 fills, as it does when datagrams outrun the spool.
        using var ingestor = ActivatorUtilities.CreateInstance<SyslogIngestor>(factory.Services, options);
        var listener = stats.Listener("udp/test-" + Guid.NewGuid().ToString("N")[..6]);

        var taken = Enumerable.Range(0, 25).Count(i => ingestor.TryOffer(IPAddress.Parse("192.0.2.77"), Encoding.UTF8.GetBytes($"<13>Nov 29 06:00:00 fw app: {i}"), listener));

        Assert.Equal(10, taken);
        Assert.Equal(15, listener.QueueOverflow);
        Assert.Equal(15, stats.OverflowBySender["192.0.2.77"]);
        var health = await factory.HealthAsync();
        Assert.StartsWith("503 Degraded", health, StringComparison.Ordinal);
        Assert.Contains("Syslog lines were lost", health, StringComparison.Ordinal);
        var admin = await factory.SignInAsync("admin@mssp.example", Web.Demo.DemoSeeder.DemoPassword);
        var page = await admin.GetStringAsync("/Ingestion");
        Assert.Contains(listener.Name, page, StringComparison.Ordinal);
        Assert.Contains("sender 192.0.2.77: 15", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernels_drop_count_for_a_udp_socket_is_read_and_a_large_receive_buffer_is_granted_or_warned_about()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var granted = UdpSocketTuning.SetReceiveBuffer(receiver, 2048, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        // Nobody reads: a tiny buffer overflows after a few datagrams and the kernel counts the rest as drops.
        for (var i = 0; i < 500; i++)
        {
            sender.SendTo(new byte[512], receiver.LocalEndPoint!);
        }

        Assert.True(granted >= 2048, $"granted {granted}");
        Assert.True(UdpSocketTuning.KernelDrops(receiver) > 0, "the kernel's drop count for the socket should have grown");
    }

    private async Task<(TestTenant Tenant, long SourceId, string Key)> ApiSourceAsync(LogFormat format, TestTenant? tenant = null, string? timeZone = null)
    {
        tenant ??= await TestTenant.CreateAsync(factory, "r");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id,
            Name = "api-" + Guid.NewGuid().ToString("N")[..8],
            Vendor = "Mixed",
            Product = "Mixed",
            ExpectedFormat = format,
            TimeZone = timeZone,
        });
        return (tenant, created.Id, created.ApiKey);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostGzipAsync(string key, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await factory.CreateClient().SendAsync(request);
    }

    private async Task RunJobAsync(Guid tenantId, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider).RunAsync(tenantId, batchId, CancellationToken.None);
    }

    private static async Task SendTcpAsync(IPEndPoint endpoint, string content, string from = "127.0.0.1")
    {
        using var client = new TcpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await client.ConnectAsync(endpoint);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(content));
    }
}
