using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
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

public sealed partial class IngestionPagesTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task An_uploaded_file_is_streamed_into_a_batch_of_the_sources_tenant_and_processed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "u");
        var sourceId = await SourceAsync(tenant, LogFormat.Rfc3164);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Ingestion/Upload");
        var lines = string.Join("\n", Enumerable.Range(1, 50).Select(i => $"<38>Nov 29 05:{i % 60:00}:00 bastion-01 sshd[1]: Failed password for u{i} from 203.0.113.9 port 4{i:000} ssh2"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "logSourceId" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(lines)), "file", "auth.log" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Ingestion/Upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await client.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        var batchId = long.Parse(BatchIdPattern().Match(json).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await ProcessAsync(tenant.Id, batchId);
        var page = await client.GetStringAsync($"/Ingestion/Batch/{batchId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((tenant.Id, batchId), factory.Dispatcher.Dispatched);
        Assert.Contains("id=\"batch-events\">50<", page, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        var batch = await db.RawBatches.SingleAsync(b => b.Id == batchId);
        Assert.Equal((IngestChannel.Upload, 50, tenant.Id), (batch.Channel, batch.LineCount, batch.TenantId));
    }

    [Fact]
    public async Task Uploading_to_another_tenants_source_is_refused_and_stores_nothing()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Ingestion/Upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(b.RowIds[typeof(LogSource)].ToString()!), "logSourceId" },
            { new ByteArrayContent("CEF:0|V|P|1|1|n|3|src=10.0.0.1"u8.ToArray()), "file", "x.cef" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Ingestion/Upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose one of your log sources", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.RawBatches.AnyAsync(x => x.TenantId == b.Id && x.ContentHash != b.Marker));
    }

    [Fact]
    public async Task Quarantined_lines_show_per_source_and_reprocess_after_a_parser_fix()
    {
        var tenant = await TestTenant.CreateAsync(factory, "q");
        var sourceId = await SourceAsync(tenant, LogFormat.Cef);
        var badThenGood = "not CEF at all <script>x</script>\n<38>Nov 29 05:58:01 bastion-01 sshd[4]: Failed password for bob from 198.51.100.1 port 4000 ssh2";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            var stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>()
                .StoreAsync(tenant.Id, sourceId, IngestChannel.Cli, new MemoryStream(Encoding.UTF8.GetBytes(badThenGood)), null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(stored.BatchId));
        }
        // The fix: the source was set to CEF but sends syslog. Once corrected, the syslog line parses; junk stays junk.
        await using (var fix = factory.PlatformScope(out var fixDb))
        {
            await fixDb.LogSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpectedFormat, LogFormat.Auto));
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var page = await client.GetStringAsync($"/LogSources/Quarantine/{sourceId}");
        var reprocess = await client.PostFormAsync($"/LogSources/Quarantine/{sourceId}", $"/LogSources/Reprocess/{sourceId}", []);

        Assert.Contains("not CEF at all &lt;script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x</script>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reprocess.StatusCode);
        await using var check = factory.PlatformScope(out var db);
        var lines = await db.QuarantinedLines.Where(q => q.LogSourceId == sourceId).OrderBy(q => q.LineNumber).ToListAsync();
        Assert.Equal(2, lines.Count);
        Assert.Null(lines[0].ReleasedAt);
        Assert.NotNull(lines[1].ReleasedAt);
        var released = await db.SecurityEvents.SingleAsync(e => e.LogSourceId == sourceId);
        Assert.Equal(("bob", 2), (released.UserName, released.LineNumber));
        var source = await db.LogSources.SingleAsync(s => s.Id == sourceId);
        Assert.Equal((1, 1), (source.ParsedCount, source.QuarantinedCount));
    }

    [Fact]
    public async Task Reprocessing_a_quarantined_json_envelope_line_makes_one_event_per_record_as_processing_does()
    {
        var tenant = await TestTenant.CreateAsync(factory, "j");
        var sourceId = await SourceAsync(tenant, LogFormat.Cef);
        var envelope = "{\"Records\":[" +
            "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-29T05:00:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"sourceIPAddress\":\"198.51.100.9\",\"userIdentity\":{\"type\":\"Root\"},\"responseElements\":{\"ConsoleLogin\":\"Success\"}}," +
            "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-29T05:01:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"sourceIPAddress\":\"198.51.100.9\",\"userIdentity\":{\"type\":\"Root\"}}]}";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            // Stored while the source said CEF: one line, not split into records, and quarantined by processing.
            var stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>()
                .StoreAsync(tenant.Id, sourceId, IngestChannel.Cli, new MemoryStream(Encoding.UTF8.GetBytes(envelope)), null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(stored.BatchId));
        }
        await using (var fix = factory.PlatformScope(out var fixDb))
        {
            await fixDb.LogSources.Where(s => s.Id == sourceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpectedFormat, LogFormat.Json));
        }

        ReprocessResult? result;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReprocessQuarantine(sourceId));
        }

        Assert.Equal(new ReprocessResult(1, 0), result);
        await using var check = factory.PlatformScope(out var db);
        var events = await db.SecurityEvents.Where(e => e.LogSourceId == sourceId).OrderBy(e => e.LineRecord).ToListAsync();
        Assert.Equal([(1, 0), (1, 1)], events.Select(e => (e.LineNumber, e.LineRecord)));
        Assert.All(events, e => Assert.Equal(("198.51.100.9", envelope), (e.SourceIp, e.RawLine)));
        Assert.NotNull((await db.QuarantinedLines.SingleAsync(q => q.LogSourceId == sourceId)).ReleasedAt);
        var source = await db.LogSources.SingleAsync(s => s.Id == sourceId);
        Assert.Equal((2, 0), (source.ParsedCount, source.QuarantinedCount));
    }

    [Fact]
    public async Task Log_test_page_shows_fields_and_the_rules_that_fire_without_storing_anything()
    {
        var tenant = await TestTenant.CreateAsync(factory, "t");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var lines = string.Join("\n", Enumerable.Range(1, 12).Select(i =>
            $"<38>Nov 29 05:58:{i:00} bastion-01 sshd[411]: Failed password for root from 203.0.113.77 port 5{i:0000} ssh2"))
            + "\ngarbage line";
        await using var before = factory.PlatformScope(out var db0);
        var eventsBefore = await db0.SecurityEvents.CountAsync();

        var response = await client.PostFormAsync("/Ingestion/LogTest", "/Ingestion/LogTest", new() { ["Lines"] = lines, ["Format"] = "Auto", ["TimeZone"] = "UTC" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("203.0.113.77", html, StringComparison.Ordinal);
        Assert.Contains("source.ip", html, StringComparison.Ordinal);
        Assert.Contains("T1110", html, StringComparison.Ordinal);
        Assert.Contains("Quarantined:", html, StringComparison.Ordinal);
        await using var after = factory.PlatformScope(out var db);
        Assert.Equal(eventsBefore, await db.SecurityEvents.CountAsync());
    }

    private async Task<long> SourceAsync(TestTenant tenant, LogFormat format)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id, Name = "s-" + Guid.NewGuid().ToString("N")[..8], Vendor = "V", Product = "P", ExpectedFormat = format,
        });
        return created.Id;
    }

    private async Task ProcessAsync(Guid tenantId, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider).RunAsync(tenantId, batchId, CancellationToken.None);
    }

    [GeneratedRegex("\"batchId\":(\\d+)")]
    private static partial Regex BatchIdPattern();
}
