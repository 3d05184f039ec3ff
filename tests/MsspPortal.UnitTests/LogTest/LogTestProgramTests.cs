using System.Buffers;
using System.Text;
using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.LogTest;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.LogTest;

/// <summary>
/// The logtest command line shared by the managed and the native `mssp logtest`, and the byte-level input and
/// JSON paths the native binary relies on: they must give exactly what the text and Utf8JsonWriter paths give.
/// </summary>
public sealed class LogTestProgramTests : IDisposable
{
    private const string Sshd = "<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 216.160.83.57 port 29160 ssh2";
    private const string Cef = "<14>Apr  7 10:10:10 fw01 CEF:0|Acme|Firewall|1.0|100|Denied|5|src=10.0.0.1 dst=10.0.0.2 dpt=22 act=deny";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"mssp-logtest-{Guid.NewGuid():N}.log");

    [Fact]
    public async Task A_file_of_good_lines_exits_0_with_one_object_per_line()
    {
        await File.WriteAllLinesAsync(_file, [Sshd, Cef]);

        var (exit, output, error) = await RunAsync("", _file);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal(["rfc3164", "cef"], Ndjson(output).Select(l => l.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task Quarantined_lines_exit_2_with_their_numbers_on_stderr()
    {
        var (exit, output, error) = await RunAsync($"{Sshd}\nCEF:0|broken\n\n{Cef}\n", "-");

        Assert.Equal(LogTestProgram.UsageError, exit);
        Assert.StartsWith("line 2: CEF:", error, StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 4L], Ndjson(output).Select(l => l.GetProperty("line").GetInt64()));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--format")]
    [InlineData("--tz", "Mars/Olympus_Mons")]
    [InlineData("--bogus")]
    [InlineData("a.log", "b.log")]
    public async Task Bad_arguments_are_usage_errors_with_help_on_stderr_and_nothing_read(params string[] args)
    {
        var (exit, output, error) = await RunAsync(Sshd, args);

        Assert.Equal(LogTestProgram.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_goes_to_stdout_and_exits_0(string option)
    {
        var (exit, output, error) = await RunAsync(Sshd, option);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Usage:\n  mssp logtest [<file>] [options]", output, StringComparison.Ordinal);
        Assert.Contains("--format <auto|rfc3164|rfc5424|cef|leef|json>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_take_their_value_after_a_space_or_an_equals_sign()
    {
        var (_, spaced, _) = await RunAsync(Cef, "--format", "rfc3164", "--tz", "Europe/Paris");
        var (_, joined, _) = await RunAsync(Cef, "--format=rfc3164", "--tz=Europe/Paris");

        Assert.Equal(spaced, joined);
        Assert.Equal("rfc3164", Ndjson(joined)[0].GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_missing_file_exits_1_and_names_it()
    {
        var (exit, _, error) = await RunAsync("", _file);

        Assert.Equal(LogTestProgram.Failure, exit);
        Assert.Contains(_file, error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> AwkwardInputs => new()
    {
        { "crlf", $"{Sshd}\r\n{Cef}\r\n" },
        { "lone cr", $"{Sshd}\r{Cef}\r\r{Sshd}" },
        { "no final newline", $"{Sshd}\n{Cef}" },
        { "bom and blanks", $"\uFEFF{Sshd}\n\n   \n{Cef}\n\n" },
        { "non-ascii and escapes", "<14>Apr  7 10:10:10 fw01 CEF:0|Acme <&>|Prod \"q\"|1.0|100|Denied + 'x' `y`|5|src=10.0.0.1 msg=café 日本 \\\\ tab\there ctl\u0001x 😀 cs1Label=Lé cs1=v<>\n" },
        { "fractions", "<38>2024-01-15T10:00:00.123456+02:00 host app: a\n<38>2024-01-15T10:00:00.5Z host app: b\n<38>2024-01-15T10:00:00.120Z host app: c\n<38>2024-01-15T10:00:00Z host app: d\n" },
        { "json and leef", "{\"message\":\"json \\u00e9 \\\"q\\\" <b>\",\"host\":{\"name\":\"h\"}}\n<14>Apr  7 10:10:10 fw01 LEEF:1.0|Vendor|Product|1.0|ev|src=1.2.3.4\tusrName=alïce\n" },
        { "a byte order mark and a first line longer than a read block", $"\uFEFF{Cef} msg={new string('x', 600_000)}\n{Sshd}\n" },
        { "a line longer than a read block", $"{Sshd}\n{Cef} msg={new string('x', 300_000)}\n{Sshd}\n" },
        // 64-byte lines: the first 256 KB read block ends exactly with a CR LF, which must stay one line end.
        { "crlf at a block end", string.Concat(Enumerable.Range(0, 5_000).Select(i => $"<38>Apr  7 08:35:22 host app: line {i,10} {new string('x', 16)}\r\n")) },
        { "many lines", string.Concat(Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? $"{Sshd}\r\n" : $"{Cef} cnt={i}\n")) },
    };

    [Theory]
    [MemberData(nameof(AwkwardInputs))]
    public async Task Bytes_read_in_blocks_give_exactly_what_a_StreamReader_gives(string name, string text)
    {
        Assert.NotNull(name);
        var bytes = Encoding.UTF8.GetBytes(text);

        var fromBytes = await RunWriterAsync(w => (o, e) => w.RunAsync(new MemoryStream(bytes), o, e, CancellationToken.None));
        var fromText = await RunWriterAsync(w => (o, e) => w.RunAsync(new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true), o, e, CancellationToken.None));

        Assert.Equal(fromText.Output, fromBytes.Output);
        Assert.Equal(fromText.Errors, fromBytes.Errors);
        Assert.Equal(fromText.Summary, fromBytes.Summary);
    }

    [Fact]
    public async Task Invalid_utf8_and_a_utf16_file_decode_as_a_StreamReader_would()
    {
        byte[] invalid = [.. Encoding.UTF8.GetBytes(Sshd), 0x20, 0xFF, 0xFE, 0x20, 0xE2, 0x82, (byte)'\n', .. Encoding.UTF8.GetBytes(Cef)];
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{Sshd}\n{Cef}\n")];

        foreach (var bytes in new[] { invalid, utf16 })
        {
            var fromBytes = await RunWriterAsync(w => (o, e) => w.RunAsync(new MemoryStream(bytes), o, e, CancellationToken.None));
            var fromText = await RunWriterAsync(w => (o, e) => w.RunAsync(new StreamReader(new MemoryStream(bytes), Encoding.UTF8, true), o, e, CancellationToken.None));
            Assert.Equal(fromText.Output, fromBytes.Output);
            Assert.Equal(2, fromBytes.Summary.Parsed);
            Assert.Equal(bytes == invalid, fromBytes.Output.Contains("\\uFFFD", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Event_json_written_as_bytes_equals_what_Utf8JsonWriter_writes()
    {
        string[] values = ["plain", "", "<&>'\"+`\\", "café 日本 😀", "tab\tnew\nline\u0001\u007f", "\u2028", new string('a', 1000)];
        var ev = new NormalizedEvent { Timestamp = new DateTimeOffset(2024, 1, 15, 10, 0, 0, 120, TimeSpan.Zero), SourcePort = 0, DestinationPort = -5 };
        for (var i = 0; i < values.Length; i++)
        {
            ev.Fields[$"f{i} {values[i]}"] = values[i];
        }
        ev.Message = string.Concat(values);

        var bytes = new ArrayBufferWriter<byte>();
        LogTestJson.WriteLine(bytes, 12_345_678_901, new ParseOutcome(ev, null, LogFormat.Cef, false), new NameCache());

        var expected = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(expected, new JsonWriterOptions { SkipValidation = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("line", 12_345_678_901);
            json.WriteString("format", "cef");
            json.WriteStartObject("event");
            json.WriteString("@timestamp", ev.Timestamp);
            json.WriteNumber("source.port", 0);
            json.WriteNumber("destination.port", -5);
            json.WriteNumber("event.severity", 0);
            json.WriteString("message", ev.Message);
            foreach (var (key, value) in ev.Fields)
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
            json.WriteStartArray("rules");
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            expected.Write("\n"u8);
        }
        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(bytes.WrittenSpan));
    }

    private static async Task<(LogTestSummary Summary, string Output, string Errors)> RunWriterAsync(
        Func<LogTestWriter, Func<Stream, TextWriter, Task<LogTestSummary>>> run)
    {
        var options = ParseOptions.Utc(new DateTimeOffset(2017, 4, 7, 12, 0, 0, TimeSpan.Zero));
        using var writer = new LogTestWriter(LogFormat.Auto, options, new DetectionEngine(BuiltInRules.All), LogTestWriter.SyntheticTenantId);
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var summary = await run(writer)(output, errors);
        return (summary, Encoding.UTF8.GetString(output.ToArray()), errors.ToString());
    }

    private static List<JsonElement> Ndjson(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l))];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = await LogTestProgram.RunAsync(args, stdin, stdout, stderr, "mssp logtest", CancellationToken.None);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public void Dispose() => File.Delete(_file);
}
