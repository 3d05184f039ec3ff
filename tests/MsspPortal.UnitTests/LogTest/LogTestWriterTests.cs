using System.Globalization;
using System.Text;
using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.LogTest;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.LogTest;

public sealed class LogTestWriterTests
{
    private static readonly ParseOptions Options = ParseOptions.Utc(new DateTimeOffset(2017, 4, 7, 12, 0, 0, TimeSpan.Zero));

    private const string CefLine = "<14>Apr  7 10:10:10 fw01 CEF:0|Palo Alto Networks|PAN-OS|6.1.3|url|THREAT|5|rt=Apr 07 2017 00:10:10 GMT src=10.10.10.10 dst=20.20.20.20 spt=18371 dpt=443 suser=alice act=alert proto=tcp request=www.example.com/ cs1Label=Rule cs1=Trusted-to-Untrusted";

    [Fact]
    public async Task A_cef_line_becomes_one_json_object_with_ecs_names_and_fields()
    {
        var (summary, lines, errors) = await RunAsync(CefLine);

        Assert.Equal(new LogTestSummary(1, 1, 0, 0), summary);
        Assert.Equal("", errors);
        var root = Assert.Single(lines);
        Assert.Equal(1, root.GetProperty("line").GetInt64());
        Assert.Equal("cef", root.GetProperty("format").GetString());
        var ev = root.GetProperty("event");
        Assert.Equal("2017-04-07T00:10:10+00:00", ev.GetProperty("@timestamp").GetString());
        Assert.Equal("Palo Alto Networks", ev.GetProperty("observer.vendor").GetString());
        Assert.Equal("10.10.10.10", ev.GetProperty("source.ip").GetString());
        Assert.Equal(443, ev.GetProperty("destination.port").GetInt32());
        Assert.Equal("tcp", ev.GetProperty("network.transport").GetString());
        Assert.Equal(5, ev.GetProperty("event.severity").GetInt32());
        Assert.Equal("Trusted-to-Untrusted", ev.GetProperty("cef.Rule").GetString());
        Assert.Equal("user", ev.GetProperty("syslog.facility.name").GetString());
        Assert.Equal(0, root.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Eight_failed_sshd_logons_from_one_address_fire_the_brute_force_rule_on_the_eighth()
    {
        var ssh = Enumerable.Range(0, 8)
            .Select(i => $"<38>Apr  7 08:35:{i:00} bastion sshd[5774]: Failed password for user{i} from 216.160.83.57 port {29160 + i} ssh2");

        var (summary, lines, _) = await RunAsync([.. ssh]);

        Assert.Equal(8, summary.Parsed);
        var first = lines[0];
        Assert.Equal("authentication", first.GetProperty("event").GetProperty("event.category").GetString());
        Assert.Equal("failure", first.GetProperty("event").GetProperty("event.outcome").GetString());
        Assert.All(lines.Take(7), l => Assert.DoesNotContain(RuleIds(l), id => id == "mssp-brute-force-source"));
        var fired = lines[7].GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "mssp-brute-force-source");
        Assert.Equal("Brute force from one address", fired.GetProperty("title").GetString());
        Assert.Equal("high", fired.GetProperty("severity").GetString());
        Assert.Contains("T1110", fired.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Rules_that_fire_between_long_runs_of_quiet_lines_land_in_their_own_lines_of_a_streamed_file()
    {
        // Bursts of 8 failed logons (the brute-force rule fires on the 8th) between 1,500 quiet lines: the quiet
        // stretches are written straight from the parsed blocks, the rules spliced in between.
        var input = new StringBuilder();
        var expectedFiring = new List<long>();
        long number = 0;
        for (var burst = 0; burst < 4; burst++)
        {
            for (var i = 0; i < 1_500; i++, number++)
            {
                input.Append(CefLine).Append('\n');
            }
            for (var i = 0; i < 8; i++, number++)
            {
                input.Append(CultureInfo.InvariantCulture, $"<38>Apr  7 08:{burst:00}:{i:00} bastion sshd[5774]: Failed password for user{i} from 216.160.83.{burst} port {29160 + i} ssh2\n");
            }
            expectedFiring.Add(number);
        }
        using var writer = new LogTestWriter(LogFormat.Auto, Options, new DetectionEngine(BuiltInRules.All), LogTestWriter.SyntheticTenantId);
        using var output = new MemoryStream();

        var summary = await writer.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(input.ToString())), output, TextWriter.Null, CancellationToken.None);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        Assert.Equal(number, summary.Parsed);
        Assert.Equal(Enumerable.Range(1, (int)number).Select(n => (long)n), lines.Select(l => l.GetProperty("line").GetInt64()));
        var firing = lines.Where(l => RuleIds(l).Contains("mssp-brute-force-source")).Select(l => l.GetProperty("line").GetInt64());
        Assert.Equal(expectedFiring, firing);
        Assert.Equal(summary.Detections, lines.Sum(l => l.GetProperty("rules").GetArrayLength()));
    }

    [Fact]
    public async Task Quarantined_lines_are_reported_with_their_number_and_blank_lines_are_skipped_but_counted()
    {
        var (summary, lines, errors) = await RunAsync(CefLine, "", "CEF:0|Vendor|only three", CefLine);

        Assert.Equal(new LogTestSummary(4, 2, 1, 0), summary);
        Assert.Equal("line 3: CEF: header has 2 of 7 pipe-terminated fields", errors.TrimEnd());
        Assert.Equal([1L, 3L, 4L], lines.Select(l => l.GetProperty("line").GetInt64()));
        var quarantined = lines[1];
        Assert.Equal("cef", quarantined.GetProperty("format").GetString());
        Assert.StartsWith("CEF: header has", quarantined.GetProperty("quarantined").GetString(), StringComparison.Ordinal);
        Assert.False(quarantined.TryGetProperty("event", out _));
    }

    [Fact]
    public async Task A_forced_format_is_used_instead_of_detection()
    {
        var (summary, lines, errors) = await RunAsync(LogFormat.Rfc5424, CefLine);

        Assert.Equal(1, summary.Quarantined);
        Assert.Equal("rfc5424", lines[0].GetProperty("format").GetString());
        Assert.StartsWith("line 1: RFC 5424", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_is_flushed_in_whole_lines_even_when_it_exceeds_the_buffer()
    {
        var many = Enumerable.Repeat(CefLine, 2_000).ToArray();

        var (summary, lines, _) = await RunAsync(many);

        Assert.Equal(2_000, summary.Parsed);
        Assert.Equal(2_000, lines.Count);
    }

    [Fact]
    public async Task A_read_error_ends_the_run_with_that_error_instead_of_waiting_forever()
    {
        using var writer = new LogTestWriter(LogFormat.Auto, Options, null, LogTestWriter.SyntheticTenantId);
        using var output = new MemoryStream();

        var run = writer.RunAsync(new FailingReader(Enumerable.Repeat(CefLine, 3_000)), output, TextWriter.Null, CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Gives the lines, then fails like a broken pipe or a vanished file.</summary>
    private sealed class FailingReader(IEnumerable<string> lines) : TextReader
    {
        private readonly IEnumerator<string> _lines = lines.GetEnumerator();

        public override string? ReadLine() => _lines.MoveNext() ? _lines.Current : throw new IOException("read failed");

        protected override void Dispose(bool disposing)
        {
            _lines.Dispose();
            base.Dispose(disposing);
        }
    }

    private static Task<(LogTestSummary Summary, List<JsonElement> Lines, string Errors)> RunAsync(params string[] input) =>
        RunAsync(LogFormat.Auto, input);

    private static async Task<(LogTestSummary Summary, List<JsonElement> Lines, string Errors)> RunAsync(LogFormat format, params string[] input)
    {
        using var writer = new LogTestWriter(format, Options, new DetectionEngine(BuiltInRules.All), LogTestWriter.SyntheticTenantId);
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var summary = await writer.RunAsync(new StringReader(string.Join('\n', input)), output, errors, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        return (summary, lines, errors.ToString());
    }

    private static IEnumerable<string?> RuleIds(JsonElement line) =>
        line.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString());
}
