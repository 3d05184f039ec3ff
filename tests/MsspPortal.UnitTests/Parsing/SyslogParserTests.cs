using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class SyslogParserTests
{
    private static NormalizedEvent Parse(string line, ParseOptions? options = null, LogFormat format = LogFormat.Auto)
    {
        var outcome = LogLineParser.Parse(line, format, options ?? Fixtures.Options());
        Assert.True(outcome.Event is not null, outcome.Error);
        return outcome.Event!;
    }

    [Fact]
    public void Rfc3164_december_line_received_in_january_belongs_to_last_year()
    {
        var ev = Parse("<13>Dec 31 23:59:58 host app: x", ParseOptions.Utc(new DateTimeOffset(2025, 1, 1, 0, 0, 5, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 59, 58, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Rfc3164_january_line_received_in_december_belongs_to_next_year()
    {
        var ev = Parse("<13>Jan  1 00:00:01 host app: x", ParseOptions.Utc(new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 1, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Rfc3164_time_is_read_in_the_source_time_zone_and_stored_in_utc()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var ev = Parse("<13>Jun 10 12:00:00 host app: x", new ParseOptions(zone, new DateTimeOffset(2024, 6, 10, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(2024, 6, 10, 10, 0, 0, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(TimeSpan.Zero, ev.Timestamp.Offset);
    }

    [Fact]
    public void Rfc3164_header_fields_and_tag_with_pid_are_read()
    {
        var ev = Parse("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8");

        Assert.Equal("mymachine", ev.HostName);
        Assert.Equal("su", ev.ProcessName);
        Assert.Equal("123", ev.Fields["process.pid"]);
        Assert.Equal("auth", ev.Fields["syslog.facility.name"]);
        Assert.Equal("crit", ev.Fields["syslog.severity.name"]);
        Assert.Equal(8, ev.Severity);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", ev.Message);
    }

    [Fact]
    public void Auth_log_line_without_pri_is_rfc3164()
    {
        var ev = Parse("Feb 21 21:54:44 localhost sshd[3402]: Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2: RSA 39:33");

        Assert.Equal(LogFormat.Rfc3164, ev.Format);
        Assert.False(ev.Fields.ContainsKey("syslog.priority"));
        Assert.Equal("localhost", ev.HostName);
        Assert.Equal("sshd", ev.ProcessName);
    }

    [Fact]
    public void Cisco_timestamp_with_year_and_trailing_colon_is_read()
    {
        var ev = Parse("<166>Aug 06 2016 20:39:42: %ASA-6-110002: Failed to locate egress interface for UDP from Inside:10.25.14.52/56544 to 172.18.106.2/161");

        Assert.Equal(new DateTimeOffset(2016, 8, 6, 20, 39, 42, TimeSpan.Zero), ev.Timestamp);
        Assert.Null(ev.HostName);
        Assert.Equal("110002", ev.RuleId);
    }

    [Theory]
    [InlineData("plain text without header")]
    [InlineData("<999>Jan  1 00:00:00 host app: x")]
    public void Rfc3164_line_without_pri_or_timestamp_is_quarantined(string line)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Rfc3164, Fixtures.Options());

        Assert.Null(outcome.Event);
        Assert.StartsWith("RFC 3164: ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc5424_structured_data_values_are_unescaped()
    {
        var ev = Parse("<165>1 2003-10-11T22:14:15.003Z host app 1 ID47 [ex@1 a=\"q\\\"uote\" b=\"back\\\\slash\" c=\"br\\]acket\"][other k=\"v\"] msg");

        Assert.Equal("q\"uote", ev.Fields["syslog.sd.ex@1.a"]);
        Assert.Equal("back\\slash", ev.Fields["syslog.sd.ex@1.b"]);
        Assert.Equal("br]acket", ev.Fields["syslog.sd.ex@1.c"]);
        Assert.Equal("v", ev.Fields["syslog.sd.other.k"]);
        Assert.Equal("msg", ev.Message);
        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Rfc5424_nil_values_stay_empty_and_the_bom_before_msg_is_dropped()
    {
        var received = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var ev = Parse("<14>1 - - - - - - \uFEFFhello", ParseOptions.Utc(received));

        Assert.Equal(LogFormat.Rfc5424, ev.Format);
        Assert.Equal(received, ev.Timestamp);
        Assert.Null(ev.HostName);
        Assert.Null(ev.ProcessName);
        Assert.Equal("hello", ev.Message);
    }

    [Fact]
    public void Rfc5424_leap_second_is_one_second_after_59()
    {
        var ev = Parse("<174>1 2016-12-31T23:59:60-04:00 resolver.se prg00000[1234] - -  info: client");

        Assert.Equal(new DateTimeOffset(2017, 1, 1, 4, 0, 0, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal("info: client", ev.Message);
    }

    [Fact]
    public void Rfc5424_without_pri_is_detected_and_parsed()
    {
        var ev = Parse("1 2003-10-11T22:14:15Z host app - - - text");

        Assert.Equal(LogFormat.Rfc5424, ev.Format);
        Assert.Equal("host", ev.HostName);
    }

    [Theory]
    [InlineData("<1>2", "RFC 5424: expecting a TIMESTAMP")]
    [InlineData("<1>1 2003-13-45T00:00:00Z h a - - -", "RFC 5424: expecting an RFC 3339 TIMESTAMP")]
    [InlineData("<1>1 - h ALongApplicationNameContainingMoreThanTheAllowed48Character - - -", "RFC 5424: expecting a APP-NAME")]
    [InlineData("<1>1 - h a - - [unterminated a=\"b\"", "RFC 5424: expecting ']'")]
    public void Malformed_rfc5424_is_quarantined_with_a_reason(string line, string reason)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Rfc5424, Fixtures.Options());

        Assert.Null(outcome.Event);
        Assert.StartsWith(reason, outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"a\":1}", LogFormat.Json)]
    [InlineData("CEF:0|a|b|c|d|e|f|", LogFormat.Cef)]
    [InlineData("<14>Jan  1 00:00:00 h CEF:0|a|b|c|d|e|f|", LogFormat.Cef)]
    [InlineData("Jan  1 00:00:00 h LEEF:1.0|a|b|c|d|", LogFormat.Leef)]
    [InlineData("<14>1 2003-10-11T22:14:15Z h a - - - m", LogFormat.Rfc5424)]
    [InlineData("<14>Jan  1 00:00:00 h a: m", LogFormat.Rfc3164)]
    [InlineData("Jan  1 00:00:00 h a: m", LogFormat.Rfc3164)]
    public void Auto_detection_picks_the_format_of_each_line(string line, LogFormat expected)
    {
        Assert.Equal(expected, LogLineParser.Detect(line));
    }
}
