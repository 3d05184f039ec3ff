using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.Core.Privacy;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Privacy;

// Personal and payment data in device logs, masked at receipt: after ingesting, no table of the database holds any of
// the values, in any column, as text or bytes.
public sealed class MaskingAtIngestionTests(IngestionFactory factory) : MaskingTestsBase(factory), IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task No_table_holds_an_unmasked_value_after_a_mixed_batch_goes_through_ingestion()
    {
        var (tenant, key) = await TenantWithMaskingAsync();
        var body = MixedLogs(out var lineCount);

        var accepted = await PostAsync(key, body);
        await RunJobAsync(tenant.Id, accepted.BatchId);

        await using var scope = Factory.PlatformScope(out var db);
        var found = await FindSecretsAsync(db.Database.GetConnectionString()!);
        Assert.True(found.Count == 0, "Unmasked values stored:\n" + string.Join("\n", found));
        var batch = await db.RawBatches.SingleAsync(b => b.Id == accepted.BatchId);
        Assert.Equal((BatchState.Done, lineCount), (batch.State, batch.LineCount));
        // 5 cards, 3 ids, 2 addresses twice each, 2 phones, 2 employee numbers.
        Assert.Equal(5 + 3 + 4 + 2 + 2, batch.MaskedValues);
        var events = await db.SecurityEvents.Where(e => e.BatchId == accepted.BatchId).ToListAsync();
        Assert.Contains(events, e => e.RawLine.Contains("411111******1111", StringComparison.Ordinal));
        Assert.Contains(events, e => e.RawLine.Contains("110105************", StringComparison.Ordinal));
        // Pseudonyms still correlate: both logins of carol carry the same token as user name.
        var carol = events.Where(e => e.UserName?.StartsWith("[email:", StringComparison.Ordinal) == true).GroupBy(e => e.UserName).ToList();
        Assert.Contains(carol, g => g.Count() == 2);
        var quarantined = await db.QuarantinedLines.Where(q => q.BatchId == accepted.BatchId).ToListAsync();
        Assert.Contains(quarantined, q => q.RawLine.Contains("492980******2139", StringComparison.Ordinal));

    }

    [Fact]
    public async Task A_sample_from_an_unknown_sender_is_masked_by_the_platform_default()
    {
        var tally = Factory.Services.GetRequiredService<UnknownSenderTally>();
        var address = "192.0.2." + Random.Shared.Next(1, 250);

        tally.Record(address, Encoding.UTF8.GetBytes("<134>Nov 29 06:00:00 pos-7 pay: card=4111111111111111 holder=erin@bank-customer.example"));
        await tally.SaveAsync(CancellationToken.None);

        await using var scope = Factory.PlatformScope(out var db);
        var sample = await db.UnknownSyslogSenders.Where(u => u.Address == address).Select(u => u.LastSample).SingleAsync();
        Assert.Equal("<134>Nov 29 06:00:00 pos-7 pay: card=411111******1111 holder=***@bank-customer.example", sample);
    }

    [Fact]
    public async Task The_same_content_sent_twice_is_still_recognised_after_masking()
    {
        var (_, key) = await TenantWithMaskingAsync();
        const string body = "CEF:0|Acme|POS|1.0|100|Payment|3|src=10.0.0.1 cs1Label=pan cs1=4111111111111111 suser=carol.buyer@mail.example\n";

        var first = await PostAsync(key, body);
        var second = await PostAsync(key, body);

        Assert.Equal(first.BatchId, second.DuplicateOf);
    }
}

// The scan itself can fail: with masking off, it finds the values (a database of its own, so the other tests' scan
// stays clean).
public sealed class MaskingOffTests(IngestionFactory factory) : MaskingTestsBase(factory), IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task The_scan_finds_the_values_when_a_tenant_switched_masking_off()
    {
        var (tenant, key) = await TenantWithMaskingAsync(off: true);

        var accepted = await PostAsync(key, MixedLogs(out _));
        await RunJobAsync(tenant.Id, accepted.BatchId);

        await using var scope = Factory.PlatformScope(out var db);
        var found = await FindSecretsAsync(db.Database.GetConnectionString()!);
        Assert.Contains(found, f => f.StartsWith("RawBatchChunks.Content: 4111111111111111", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("SecurityEvents.RawLine: 11010519491231002X", StringComparison.Ordinal));
    }
}

public abstract class MaskingTestsBase(IngestionFactory factory)
{
    protected IngestionFactory Factory => factory;

    // Network test numbers and valid-looking ids, written as devices write them.
    protected static readonly string[] Cards = ["4111111111111111", "5500 0055 5555 5559", "3782-822463-10005", "6011111111111117", "4929804463622139"];
    protected static readonly string[] ResidentIds = ["11010519491231002X", "440308199901010012", "310104198512120023"];
    protected static readonly string[] Emails = ["carol.buyer@mail.example", "dave+orders@shop-customer.example"];
    protected static readonly string[] Phones = ["+86 138 1234 5678", "+1 415 555 2671"];
    protected static readonly string[] Employees = ["EMP-204711", "EMP-998812"];

    protected async Task<(TestTenant Tenant, string Key)> TenantWithMaskingAsync(bool off = false)
    {
        var tenant = await TestTenant.CreateAsync(factory, "m");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<MsspPortal.Web.Data.PortalDbContext>();
        var settings = PrivacySettings.For(tenant.Id);
        if (off)
        {
            settings.Change(null, null, null, [], null, MaskMode.Redact, [], "test", factory.Clock.GetUtcNow());
        }
        else
        {
            settings.Change(MaskMode.Truncate, MaskMode.Pseudonymize, MaskMode.Pseudonymize, [], MaskMode.Truncate, MaskMode.Redact,
                [new NamedPattern("employee", @"EMP-\d{6}")], "test", factory.Clock.GetUtcNow());
        }
        db.PrivacySettings.Add(settings);
        await db.SaveChangesAsync();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id, Name = "pos-" + Guid.NewGuid().ToString("N")[..8], Vendor = "Mixed", Product = "Mixed", ExpectedFormat = LogFormat.Auto,
        });
        return (tenant, created.ApiKey);
    }

    // Realistic background (firewall CEF, sshd syslog, Okta JSON) with the values mixed into different fields, and one
    // line no parser takes, which is quarantined with its card.
    protected static string MixedLogs(out int lines)
    {
        var random = new Random(20261202);
        var text = new StringBuilder();
        var secretsAt = new Dictionary<int, string>
        {
            [7] = $"CEF:0|Acme|POS|1.0|100|Payment authorised|3|src=10.20.0.{random.Next(2, 250)} cs1Label=pan cs1={Cards[0]} cs2Label=phone cs2={Phones[0]}",
            [19] = $"<134>Nov 29 06:01:12 pos-3 pay[881]: refund to card {Cards[1]} by {Employees[0]} approved",
            [23] = $"{{\"published\":\"2026-11-29T06:02:00Z\",\"eventType\":\"user.session.start\",\"actor\":{{\"alternateId\":\"{Emails[0]}\"}},\"client\":{{\"ipAddress\":\"198.51.100.23\"}},\"outcome\":{{\"result\":\"SUCCESS\"}}}}",
            [31] = $"CEF:0|Acme|POS|1.0|101|Chargeback|5|src=10.20.0.9 msg=card {Cards[2]} holder id {ResidentIds[0]} cs3Label=clerk cs3={Employees[1]}",
            [44] = $"{{\"published\":\"2026-11-29T06:03:30Z\",\"eventType\":\"user.session.start\",\"actor\":{{\"alternateId\":\"{Emails[0]}\"}},\"client\":{{\"ipAddress\":\"198.51.100.23\"}},\"outcome\":{{\"result\":\"FAILURE\"}}}}",
            [52] = $"<38>Nov 29 06:04:10 kyc-1 onboarding[77]: identity {ResidentIds[1]} verified, callback {Phones[1]}",
            [60] = $"CEF:0|Acme|Shop|2.1|200|Order|3|src=203.0.113.40 suser={Emails[1]} cs1Label=pan cs1={Cards[3]}",
            [71] = $"#### not a log line: pasted by hand card={Cards[4]}",
            [88] = $"<38>Nov 29 06:05:59 kyc-1 onboarding[77]: identity {ResidentIds[2]} rejected for {Emails[1]}",
        };
        lines = 100;
        for (var i = 1; i <= lines; i++)
        {
            if (secretsAt.TryGetValue(i, out var secret))
            {
                text.Append(secret).Append('\n');
                continue;
            }
            var port = random.Next(1024, 65535);
            text.Append((i % 3) switch
            {
                0 => $"CEF:0|Fortinet|FortiGate|7.2|0000000013|traffic|3|src=10.0.{random.Next(0, 9)}.{random.Next(2, 250)} dst=8.8.8.8 spt={port} dpt=53 proto=17 cnt={random.Next(1, 4000)}",
                1 => $"<38>Nov 29 06:{i % 60:00}:{random.Next(0, 60):00} bastion-01 sshd[{random.Next(100, 9999)}]: Failed password for invalid user admin from 203.0.113.{random.Next(2, 250)} port {port} ssh2",
                _ => $"{{\"published\":\"2026-11-29T06:{i % 60:00}:00.{random.Next(100, 999)}Z\",\"eventType\":\"user.session.start\",\"actor\":{{\"alternateId\":\"u{random.Next(100, 999)}\"}},\"client\":{{\"ipAddress\":\"192.0.2.{random.Next(2, 250)}\"}},\"outcome\":{{\"result\":\"SUCCESS\"}},\"ts\":{1764396000000 + i * 1000}}}",
            }).Append('\n');
        }
        return text.ToString();
    }

    // Every cell of every table, text or blob, against each value as written and as bare digits.
    protected static async Task<List<string>> FindSecretsAsync(string connectionString)
    {
        var secrets = Cards.Concat(ResidentIds).Concat(Emails).Concat(Phones).Concat(Employees)
            .SelectMany(s => new[] { s, new string([.. s.Where(char.IsAsciiLetterOrDigit)]) })
            .Where(s => s.Length >= 8).Distinct().ToList();
        var found = new List<string>();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var text = reader.IsDBNull(c) ? null : reader.GetValue(c) switch
                    {
                        string s => s,
                        // A raw chunk is read as the product reads it: compressed bytes hide nothing from the scan.
                        byte[] b when table == "RawBatchChunks" && reader.GetName(c) == nameof(RawBatchChunk.Content) =>
                            Encoding.Latin1.GetString(DecodedChunk(b, reader)),
                        byte[] b => Encoding.Latin1.GetString(b),
                        _ => null,
                    };
                    if (text is not null)
                    {
                        found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{table}.{reader.GetName(c)}: {s}"));
                    }
                }
            }
        }
        return found;
    }

    private static byte[] DecodedChunk(byte[] content, System.Data.Common.DbDataReader row)
    {
        var encoding = (ChunkEncoding)row.GetInt32(row.GetOrdinal(nameof(RawBatchChunk.Encoding)));
        if (encoding == ChunkEncoding.Plain)
        {
            return content;
        }
        Assert.Equal(ChunkEncoding.Brotli, encoding);
        var lines = new byte[row.GetInt32(row.GetOrdinal(nameof(RawBatchChunk.ContentLength)))];
        Assert.True(System.IO.Compression.BrotliDecoder.TryDecompress(content, lines, out var written) && written == lines.Length);
        return lines;
    }

    protected async Task<IngestAccepted> PostAsync(string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IngestAccepted>())!;
    }

    protected async Task RunJobAsync(Guid tenantId, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<ProcessBatchJob>(scope.ServiceProvider).RunAsync(tenantId, batchId, CancellationToken.None);
    }
}
