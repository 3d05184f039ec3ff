using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Telegraf's syslog test cases: RFC 6587 framing over TCP, and one message per UDP packet.</summary>
public sealed partial class FramingTests
{
    private static readonly ParseOptions Options = ParseOptions.Utc(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases().EnumerateArray())
        {
            data.Add(c.GetProperty("case").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Telegraf_case_gives_the_expected_messages_or_error(string name)
    {
        var c = Cases().EnumerateArray().Single(x => x.GetProperty("case").GetString() == name);
        var input = Encoding.UTF8.GetBytes(c.GetProperty("input_txt").GetString()!);
        var format = name.StartsWith("rfc3164", StringComparison.Ordinal) ? LogFormat.Rfc3164 : LogFormat.Rfc5424;
        var outcomes = new List<ParseOutcome>();
        var errors = new List<string>();
        if (name.Contains("udp", StringComparison.Ordinal))
        {
            Collect(LogLineParser.Parse(input, format, Options), outcomes, errors);
        }
        else
        {
            var framing = name.Contains("octet_counting", StringComparison.Ordinal) ? SyslogFraming.OctetCounting : SyslogFraming.NonTransparent;
            foreach (var frame in DecodeInChunks(input, framing, chunkSize: 3))
            {
                if (frame.Error is not null)
                {
                    errors.Add(frame.Error);
                }
                else
                {
                    Collect(LogLineParser.Parse(frame.Message, format, Options), outcomes, errors);
                }
            }
        }

        var strict = !name.Contains("best_effort", StringComparison.Ordinal);
        if (c.TryGetProperty("expected_err", out var expectedError))
        {
            Assert.NotEmpty(errors);
            if (expectedError.GetString()!.StartsWith("found EOF", StringComparison.Ordinal))
            {
                Assert.Contains(expectedError.GetString()!, errors[0], StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Empty(errors);
        }
        if (!c.TryGetProperty("expected_out", out var expectedOut) || (!strict && errors.Count > 0))
        {
            // Telegraf's best-effort mode keeps a partial event next to the error; we quarantine the line instead.
            return;
        }
        var expectedLines = expectedOut.GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expectedLines.Length, outcomes.Count);
        for (var i = 0; i < expectedLines.Length; i++)
        {
            AssertMatches(expectedLines[i], outcomes[i].Event!);
        }
    }

    [Fact]
    public void Octet_counted_frames_split_across_chunks_come_out_whole()
    {
        var frames = DecodeInChunks(Encoding.UTF8.GetBytes("5 hello11 hello world"), SyslogFraming.Auto, chunkSize: 1);

        Assert.Equal(["hello", "hello world"], frames.Select(f => Encoding.UTF8.GetString(f.Message!)));
    }

    [Fact]
    public void Non_transparent_frames_drop_crlf_and_empty_lines_and_keep_an_unterminated_last_line()
    {
        var frames = DecodeInChunks(Encoding.UTF8.GetBytes("<13>a\r\n\n<13>b\n<13>c"), SyslogFraming.Auto, chunkSize: 4);

        Assert.Equal(["<13>a", "<13>b", "<13>c"], frames.Select(f => Encoding.UTF8.GetString(f.Message!)));
    }

    [Fact]
    public void An_octet_count_larger_than_the_limit_is_a_framing_error()
    {
        var decoder = new SyslogFrameDecoder(SyslogFraming.OctetCounting, maxFrameLength: 100);
        var frames = new List<SyslogFrame>();
        decoder.Decode("999 <13>x"u8, frames);

        Assert.Single(frames);
        Assert.Contains("outside 1..100", frames[0].Error, StringComparison.Ordinal);
    }

    private static List<SyslogFrame> DecodeInChunks(byte[] input, SyslogFraming framing, int chunkSize)
    {
        var decoder = new SyslogFrameDecoder(framing);
        var frames = new List<SyslogFrame>();
        for (var i = 0; i < input.Length; i += chunkSize)
        {
            decoder.Decode(input.AsSpan(i, Math.Min(chunkSize, input.Length - i)), frames);
        }
        decoder.Complete(frames);
        return frames;
    }

    private static void Collect(ParseOutcome outcome, List<ParseOutcome> outcomes, List<string> errors)
    {
        if (outcome.Error is not null)
        {
            errors.Add(outcome.Error);
        }
        else
        {
            outcomes.Add(outcome);
        }
    }

    private static void AssertMatches(string lineProtocol, NormalizedEvent ev)
    {
        Assert.Equal(Value(lineProtocol, "facility_code=(\\d+)i"), ev.Get("syslog.facility.code"));
        Assert.Equal(Value(lineProtocol, "severity_code=(\\d+)i"), ev.Get("syslog.severity.code"));
        Assert.Equal(Value(lineProtocol, "hostname=([^, ]+)"), ev.HostName);
        Assert.Equal(Value(lineProtocol, "appname=([^, ]+)"), ev.ProcessName);
        Assert.Equal(Value(lineProtocol, "msgid=\"([^\"]*)\""), ev.Get("syslog.msgid"));
        Assert.Equal(Value(lineProtocol, "procid=\"([^\"]*)\""), ev.Get("process.pid"));
        Assert.Equal(Value(lineProtocol, "version=(\\d+)u"), ev.Get("syslog.version"));
        var message = Value(lineProtocol, "message=\"((?:[^\"\\\\]|\\\\.)*)\"");
        Assert.Equal(message?.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal), ev.Message);
        if (Value(lineProtocol, "timestamp=(\\d+)i") is { } nanos)
        {
            Assert.Equal(long.Parse(nanos, System.Globalization.CultureInfo.InvariantCulture) / 1_000_000, ev.Timestamp.ToUnixTimeMilliseconds());
        }
        if (Value(lineProtocol, "meta_sequence=\"([^\"]*)\"") is { } sequence)
        {
            Assert.Equal(sequence, ev.Get("syslog.sd.meta.sequence"));
            Assert.Equal("true", ev.Get("syslog.sd.origin"));
        }
    }

    private static string? Value(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static JsonElement Cases() =>
        JsonDocument.Parse(File.ReadAllText(Corpus.Path("syslog/telegraf-syslog-testcases/syslog-framing-cases.json"))).RootElement.GetProperty("cases");
}
