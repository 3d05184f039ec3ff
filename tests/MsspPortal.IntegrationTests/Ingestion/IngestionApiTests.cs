using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Ingestion;

public sealed class IngestionApiTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    private const string Lines =
        "<38>Nov 29 05:58:01 bastion-01 sshd[411]: Failed password for invalid user admin from 203.0.113.7 port 50112 ssh2\n" +
        "<38>Nov 29 05:58:03 bastion-01 sshd[411]: Failed password for root from 203.0.113.7 port 50114 ssh2\n" +
        "this line is not a log line of any kind\n" +
        "CEF:0|Imperva Inc.|SecureSphere|12.0|4|SQL injection|High|src=198.51.100.4 dst=10.10.1.20 spt=41000 dpt=443 act=blocked\n" +
        "\n" +
        "<38>Nov 29 05:58:09 bastion-01 sshd[411]: Accepted password for deploy from 198.51.100.20 port 50200 ssh2\r\n";

    [Fact]
    public async Task Lines_posted_with_a_key_become_events_of_the_keys_tenant_and_junk_is_quarantined_with_its_reason()
    {
        var (tenant, source, key) = await SourceAsync(LogFormat.Auto);
        var client = factory.CreateClient();

        var response = await PostAsync(client, key, Lines);
        var accepted = await response.Content.ReadFromJsonAsync<IngestAccepted>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(5, accepted!.Lines);
        Assert.Contains((tenant.Id, accepted.BatchId), factory.Dispatcher.Dispatched);
        await RunJobAsync(tenant.Id, accepted.BatchId);

        await using var scope = factory.PlatformScope(out var db);
        var events = await db.SecurityEvents.Where(e => e.BatchId == accepted.BatchId).OrderBy(e => e.LineNumber).ToListAsync();
        Assert.Equal([1, 2, 4, 5], events.Select(e => e.LineNumber));
        Assert.All(events, e => Assert.Equal(tenant.Id, e.TenantId));
        Assert.Equal("203.0.113.7", events[0].SourceIp);
        Assert.Equal("admin", events[0].UserName);
        Assert.Equal(EventOutcome.Failure, events[0].Outcome);
        Assert.Equal("198.51.100.4", events[2].SourceIp);
        Assert.DoesNotContain('\r', events[3].RawLine);
        var quarantined = await db.QuarantinedLines.SingleAsync(q => q.BatchId == accepted.BatchId);
        Assert.Equal((3, "this line is not a log line of any kind"), (quarantined.LineNumber, quarantined.RawLine));
        Assert.False(string.IsNullOrWhiteSpace(quarantined.Reason));
        var counters = await db.LogSources.SingleAsync(s => s.Id == source);
        Assert.Equal((5, 4, 1), (counters.ReceivedCount, counters.ParsedCount, counters.QuarantinedCount));
        var batch = await db.RawBatches.SingleAsync(b => b.Id == accepted.BatchId);
        Assert.Equal(BatchState.Done, batch.State);
    }

    [Fact]
    public async Task A_gzip_body_is_accepted()
    {
        var (tenant, _, key) = await SourceAsync(LogFormat.Auto);
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(Lines));
        }
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await factory.CreateClient().SendAsync(request);
        var accepted = await response.Content.ReadFromJsonAsync<IngestAccepted>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(5, accepted!.Lines);
        await RunJobAsync(tenant.Id, accepted.BatchId);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(4, await db.SecurityEvents.CountAsync(e => e.BatchId == accepted.BatchId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer msk_000000000000000000000000000000000000000000000000")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task A_missing_or_wrong_key_is_401_and_stores_nothing(string? authorization)
    {
        await using var before = factory.PlatformScope(out var db0);
        var batchesBefore = await db0.RawBatches.CountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(Lines) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var after = factory.PlatformScope(out var db);
        Assert.Equal(batchesBefore, await db.RawBatches.CountAsync());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_even_when_it_only_grows_after_decompression()
    {
        var (tenant, _, key) = await SourceAsync(LogFormat.Auto);
        var big = string.Concat(Enumerable.Repeat("CEF:0|V|P|1|1|n|3|src=10.0.0.1\n", 4000)); // ~130 KB, limit 64 KB
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(big));
        }
        using var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var zipped = await factory.CreateClient().SendAsync(request);
        var plain = await PostAsync(factory.CreateClient(), key, big);

        Assert.True(compressed.Length < 65536);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, zipped.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, plain.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.RawBatches.AnyAsync(b => b.TenantId == tenant.Id && b.ContentHash != tenant.Marker));
    }

    [Fact]
    public async Task The_same_content_sent_twice_is_recognised_and_not_processed_again()
    {
        var (tenant, source, key) = await SourceAsync(LogFormat.Auto);
        var client = factory.CreateClient();

        var first = await (await PostAsync(client, key, Lines)).Content.ReadFromJsonAsync<IngestAccepted>();
        var second = await (await PostAsync(client, key, Lines)).Content.ReadFromJsonAsync<IngestAccepted>();
        await RunJobAsync(tenant.Id, first!.BatchId);
        await RunJobAsync(tenant.Id, second!.BatchId);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.BatchId, second.DuplicateOf);
        Assert.DoesNotContain((tenant.Id, second.BatchId), factory.Dispatcher.Dispatched);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(4, await db.SecurityEvents.CountAsync(e => e.LogSourceId == source));
    }

    [Fact]
    public async Task A_cloudtrail_records_envelope_on_one_line_becomes_one_event_per_record()
    {
        var (tenant, source, key) = await SourceAsync(LogFormat.Json);
        var envelope = "{\"Records\":[" +
            "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-29T05:00:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"sourceIPAddress\":\"198.51.100.9\",\"userIdentity\":{\"type\":\"Root\"},\"responseElements\":{\"ConsoleLogin\":\"Success\"}}," +
            "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-29T05:01:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"sourceIPAddress\":\"198.51.100.9\",\"userIdentity\":{\"type\":\"Root\"}}]}";

        var accepted = await (await PostAsync(factory.CreateClient(), key, envelope)).Content.ReadFromJsonAsync<IngestAccepted>();
        await RunJobAsync(tenant.Id, accepted!.BatchId);

        await using var scope = factory.PlatformScope(out var db);
        var events = await db.SecurityEvents.Where(e => e.LogSourceId == source).ToListAsync();
        // Each record is stored as a line of its own (issue 11.3), so each event has its own line number and raw line.
        Assert.Equal([1, 2], events.Select(e => e.LineNumber).Order());
        Assert.All(events, e => Assert.Equal("198.51.100.9", e.SourceIp));
        Assert.All(events, e => Assert.StartsWith("{\"eventVersion\"", e.RawLine, StringComparison.Ordinal));
        Assert.False(await db.QuarantinedLines.AnyAsync(q => q.LogSourceId == source));
    }

    [Fact]
    public async Task Unsupported_media_is_415()
    {
        var (_, _, key) = await SourceAsync(LogFormat.Auto);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent("<xml/>", Encoding.UTF8, "application/xml") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_batch_killed_midway_is_finished_by_the_sweep_with_no_loss_and_no_duplicate()
    {
        var (tenant, _, key) = await SourceAsync(LogFormat.Auto);
        var lines = string.Join("\n", Enumerable.Range(1, 9).Select(i =>
            $"<38>Nov 29 05:{i:00}:00 bastion-01 sshd[411]: Failed password for user{i} from 203.0.113.{i} port 5{i}000 ssh2"));
        var accepted = await (await PostAsync(factory.CreateClient(), key, lines)).Content.ReadFromJsonAsync<IngestAccepted>();
        factory.Crash.Reset();
        factory.Crash.CrashOnCall = 2; // chunks of 3 lines: the worker dies on the second chunk

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunJobAsync(tenant.Id, accepted!.BatchId));
        await using (var scope = factory.PlatformScope(out var db))
        {
            var batch = await db.RawBatches.SingleAsync(b => b.Id == accepted!.BatchId);
            Assert.Equal(BatchState.Processing, batch.State);
            Assert.Equal(3, await db.SecurityEvents.CountAsync(e => e.BatchId == batch.Id));
            Assert.Contains("worker killed", batch.LastError, StringComparison.Ordinal);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(6)); // the dead worker's lease runs out
        var swept = await SweepAsync();
        Assert.True(swept > 0);
        Assert.Contains((tenant.Id, accepted!.BatchId), factory.Dispatcher.Dispatched.Skip(1));
        await RunJobAsync(tenant.Id, accepted.BatchId);
        await RunJobAsync(tenant.Id, accepted.BatchId); // a second run (retry, sweep) changes nothing

        await using (var scope = factory.PlatformScope(out var db))
        {
            var events = await db.SecurityEvents.Where(e => e.BatchId == accepted.BatchId).Select(e => e.LineNumber).ToListAsync();
            Assert.Equal(Enumerable.Range(1, 9), events.Order());
            var batch = await db.RawBatches.SingleAsync(b => b.Id == accepted.BatchId);
            Assert.Equal((BatchState.Done, 9, 2), (batch.State, batch.EventsWritten, batch.Attempts));
        }
    }

    private async Task<(TestTenant Tenant, long SourceId, string Key)> SourceAsync(LogFormat format)
    {
        var tenant = await TestTenant.CreateAsync(factory, "i");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id,
            Name = "api-" + Guid.NewGuid().ToString("N")[..8],
            Vendor = "Mixed",
            Product = "Mixed",
            ExpectedFormat = format,
        });
        return (tenant, created.Id, created.ApiKey);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }

    private async Task RunJobAsync(Guid tenantId, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider);
        await job.RunAsync(tenantId, batchId, CancellationToken.None);
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SweepBatchesJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }
}
