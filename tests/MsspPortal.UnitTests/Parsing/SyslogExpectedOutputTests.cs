using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Our RFC 3164, RFC 5424 and Cisco ASA/FTD lines against Metron-shaped expected outputs written by hand.</summary>
public sealed class SyslogExpectedOutputTests
{
    [Theory]
    [InlineData("syslog/rfc3164/rfc3164.log", "syslog/rfc3164/rfc3164.parsed.ndjson", 5)]
    [InlineData("syslog/rfc5424/rfc5424.log", "syslog/rfc5424/rfc5424.parsed.ndjson", 3)]
    [InlineData("syslog/cisco-asa/asa.log", "syslog/cisco-asa/asa.parsed.ndjson", 6)]
    public void Lines_match_their_expected_output(string log, string expected, int records)
    {
        var (compared, failures) = ExpectedOutputs.Compare(Fixtures.Text(log), Fixtures.Text(expected));

        Assert.Equal(records, compared);
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("syslog/rfc3164/rfc3164.parsed.ndjson", "\"syslog.header.facility\": \"10\"", "\"syslog.header.facility\": \"11\"", "syslog.header.facility: expected 11, got 10")]
    [InlineData("syslog/rfc5424/rfc5424.parsed.ndjson", "\"syslog.structuredData.meta.sequenceId\": \"29\"", "\"syslog.structuredData.meta.sequenceId\": \"30\"", "syslog.structuredData.meta.sequenceId: expected 30, got 29")]
    [InlineData("syslog/cisco-asa/asa.parsed.ndjson", "\"ip_dst_port\": 53,", "\"ip_dst_port\": 54,", "ip_dst_port: expected 54, got 53")]
    public void A_differing_expectation_is_reported(string expected, string from, string to, string failure)
    {
        var log = expected.Replace(".parsed.ndjson", ".log", StringComparison.Ordinal);
        var text = Fixtures.Text(expected);
        Assert.Contains(from, text, StringComparison.Ordinal);

        var (_, failures) = ExpectedOutputs.Compare(Fixtures.Text(log), text.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(failures, f => f.StartsWith(failure, StringComparison.Ordinal));
    }

    [Fact]
    public void Rfc3164_new_years_eve_line_received_after_midnight_keeps_its_year()
    {
        var line = Fixtures.Lines("syslog/rfc3164/rfc3164.log").Single(l => l.Contains("haproxy", StringComparison.Ordinal));
        var ev = LogLineParser.Parse(line, LogFormat.Auto, ParseOptions.Utc(new DateTimeOffset(2016, 1, 1, 0, 0, 30, TimeSpan.Zero))).Event!;

        Assert.Equal(new DateTimeOffset(2015, 12, 31, 23, 59, 59, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("edge-9", "haproxy", "local7"), (ev.HostName, ev.ProcessName, ev.Get("syslog.facility.name")));
    }

    [Fact]
    public void Rfc5424_example_line_gives_both_structured_data_elements_and_the_offset_time_in_utc()
    {
        var lines = Fixtures.Lines("syslog/rfc5424/rfc5424.log");
        var first = LogLineParser.Parse(lines[0], LogFormat.Auto, Fixtures.Options()).Event!;
        var second = LogLineParser.Parse(lines[1], LogFormat.Auto, Fixtures.Options()).Event!;

        Assert.Equal("1011", first.Fields["syslog.sd.exampleSDID@32473.eventID"]);
        Assert.Equal("high", first.Fields["syslog.sd.examplePriority@32473.class"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 9, 6, 0, 1, TimeSpan.Zero), second.Timestamp);
        Assert.Equal(("billing", "4242"), (second.ProcessName, second.Get("process.pid")));
    }

    [Fact]
    public void Asa_built_inbound_reads_the_real_addresses_not_the_mapped_ones()
    {
        var ev = LogLineParser.Parse(Fixtures.Lines("syslog/cisco-asa/asa.log")[0], LogFormat.Auto, Fixtures.Options()).Event!;

        Assert.Equal(("203.0.113.50", 51234, "10.1.1.20", 443), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort));
        Assert.Equal(("connection-started", EventOutcome.Success, "inbound"), (ev.EventAction, ev.Outcome, ev.Get("network.direction")));
    }
}
