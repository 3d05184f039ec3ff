using System.Text;
using System.Text.Json;
using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Telegraf-shaped syslog cases (our own): RFC 6587 framing over TCP, and one message per UDP packet.</summary>
public sealed class FramingTests
{
    private const string File = "syslog/framing/framing-cases.json";

    public static TheoryData<string> CaseNames() => Fixtures.CaseIds(File);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Framing_case_gives_the_expected_messages_or_error(string name) =>
        Assert.Empty(CaseFiles.Framing(Fixtures.Case(File, name)));

    [Fact]
    public void Two_octet_counted_frames_read_three_bytes_at_a_time_give_both_messages_with_their_fields()
    {
        var input = Fixtures.Case(File, "octet_counting_strict_tcp_two_frames").GetProperty("input_txt").GetString()!;
        var frames = CaseFiles.DecodeInChunks(Encoding.UTF8.GetBytes(input), SyslogFraming.OctetCounting, chunkSize: 3);

        var events = frames.Select(f => LogLineParser.Parse(f.Message, LogFormat.Rfc5424, Fixtures.Options()).Event!).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(("fw-01", "dhcpd", "812", "LEASE", "lease 10.0.0.5 granted"), (events[0].HostName, events[0].ProcessName, events[0].Get("process.pid"), events[0].Get("syslog.msgid"), events[0].Message));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 1, 250, TimeSpan.Zero), events[1].Timestamp);
        Assert.Equal(("7", "renewed \"office\" pool"), (events[1].Get("syslog.sd.meta.sequence"), events[1].Message));
    }

    [Fact]
    public void A_case_whose_expectation_differs_is_reported_not_passed()
    {
        var altered = System.Text.Json.Nodes.JsonNode.Parse(Fixtures.Case(File, "non_transparent_strict_tcp_two_lines").GetRawText())!;
        altered["expected_out"] = altered["expected_out"]!.GetValue<string>().Replace("session closed", "session opened", StringComparison.Ordinal);

        Assert.Contains(CaseFiles.Framing(JsonDocument.Parse(altered.ToJsonString()).RootElement), f => f.StartsWith("message:", StringComparison.Ordinal));
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

    private static List<SyslogFrame> DecodeInChunks(byte[] input, SyslogFraming framing, int chunkSize) =>
        CaseFiles.DecodeInChunks(input, framing, chunkSize);
}
