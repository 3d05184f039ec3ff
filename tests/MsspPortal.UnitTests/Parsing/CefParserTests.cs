using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class CefParserTests
{
    private static NormalizedEvent Parse(string line)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options());
        Assert.True(outcome.Event is not null, outcome.Error);
        return outcome.Event!;
    }

    [Fact]
    public void Cef_header_with_escaped_pipe_is_split_correctly()
    {
        var ev = Parse(@"CEF:0|sec\|urity|tm|1.0|100|name with \| pipe|7|src=1.2.3.4");

        Assert.Equal("sec|urity", ev.ObserverVendor);
        Assert.Equal("name with | pipe", ev.RuleName);
        Assert.Equal(7, ev.Severity);
        Assert.Equal("1.2.3.4", ev.SourceIp);
    }

    [Fact]
    public void Cef_extension_escapes_are_unescaped_and_unknown_backslashes_kept()
    {
        var ev = Parse(@"CEF:0|v|p|1|1|n|1|msg=a\=b \\ c\nd\re path=C:\temp");

        Assert.Equal("a=b \\ c\nd\re", ev.Message);
        Assert.Equal(@"C:\temp", ev.Fields["cef.path"]);
    }

    [Fact]
    public void Cef_values_with_spaces_run_until_the_next_key()
    {
        var ev = Parse("CEF:0|v|p|1|1|n|1|act=Retrieve password suser=bob smith dst=10.0.0.2");

        Assert.Equal("Retrieve password", ev.EventAction);
        Assert.Equal("bob smith", ev.UserName);
        Assert.Equal("10.0.0.2", ev.DestinationIp);
    }

    [Fact]
    public void Cef_custom_labels_name_their_values()
    {
        var ev = Parse("CEF:0|v|p|1|1|n|1|cs1Label=Rule cs1=Allow-All cn1=42 cn1Label=SessionID flexString1Label=Flags flexString1=0x8000");

        Assert.Equal("Allow-All", ev.Fields["cef.Rule"]);
        Assert.Equal("42", ev.Fields["cef.SessionID"]);
        Assert.Equal("0x8000", ev.Fields["cef.Flags"]);
        Assert.Equal("Allow-All", ev.Fields["cef.cs1"]);
    }

    [Theory]
    [InlineData("Low", 3)]
    [InlineData("Medium", 5)]
    [InlineData("High", 8)]
    [InlineData("Very-High", 10)]
    [InlineData("0", 0)]
    [InlineData("10", 10)]
    [InlineData("13", 10)]
    [InlineData("bogus", 0)]
    public void Cef_severity_word_or_number_maps_to_the_0_to_10_scale(string severity, int expected)
    {
        Assert.Equal(expected, Parse($"CEF:0|v|p|1|1|n|{severity}|src=1.1.1.1").Severity);
    }

    [Fact]
    public void Cef_with_pri_glued_to_the_marker_reads_the_pri()
    {
        var ev = Parse("<14>CEF:0|Imperva Inc.|SecureSphere|10|id||High|act=alert rt=31 March 2016 13:04:55 proto=TCP");

        Assert.Equal("1", ev.Fields["syslog.facility.code"]);
        Assert.Null(ev.RuleName);
        Assert.Equal(8, ev.Severity);
        Assert.Equal("tcp", ev.NetworkTransport);
        Assert.Equal(new DateTimeOffset(2016, 3, 31, 13, 4, 55, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Cef_after_an_rfc3164_prefix_with_space_after_the_colon_takes_host_and_rt_with_gmt()
    {
        var ev = Parse("<14>Apr  7 10:10:10 fw01 CEF: 0|Palo Alto Networks|PAN-OS|6.1.3|url|THREAT|1|rt=Apr 07 2017 00:10:10 GMT src=10.10.10.10 spt=18371 dpt=443 request=www.example.com/ suser=");

        Assert.Equal("fw01", ev.HostName);
        Assert.Equal("0", ev.Fields["cef.version"]);
        Assert.Equal(new DateTimeOffset(2017, 4, 7, 0, 10, 10, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(18371, ev.SourcePort);
        Assert.Equal(443, ev.DestinationPort);
        Assert.Equal("www.example.com/", ev.Url);
        Assert.Null(ev.UserName);
    }

    [Fact]
    public void Cef_after_an_rfc5424_or_iso8601_prefix_takes_the_prefix_time()
    {
        var rfc5424 = Parse("<134>1 2021-03-01T10:00:00.5+01:00 sensor1 app - - - CEF:0|v|p|1|1|n|1|src=1.1.1.1");
        var iso = Parse("2016-04-01T09:29:11.356-0400 CEF:0|Adallom|Adallom|1.0|x|y|0|suser=a@example.com");

        Assert.Equal(new DateTimeOffset(2021, 3, 1, 9, 0, 0, 500, TimeSpan.Zero), rfc5424.Timestamp);
        Assert.Equal("sensor1", rfc5424.HostName);
        Assert.Equal(new DateTimeOffset(2016, 4, 1, 13, 29, 11, 356, TimeSpan.Zero), iso.Timestamp);
    }

    [Fact]
    public void Cef_maps_network_user_and_outcome_fields_to_ecs()
    {
        var ev = Parse("CEF:0|security|threatmanager|1.0|100|stopped|10|src=10.0.0.192 dst=12.121.122.82 proto=TCP shost=a.b dhost=c.d spt=11024 dpt=9200 outcome=Success duser=alice fileHash=1bad1dea rt=1500464384997");

        Assert.Equal(EventOutcome.Success, ev.Outcome);
        Assert.Equal("c.d", ev.HostName);
        Assert.Equal("a.b", ev.Fields["source.domain"]);
        Assert.Equal("alice", ev.UserName);
        Assert.Equal("1bad1dea", ev.FileHash);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1500464384997), ev.Timestamp);
        Assert.Equal("100", ev.RuleId);
    }

    [Theory]
    [InlineData("CEF:0|v|p|1|1", "CEF: header has 4 of 7 pipe-terminated fields")]
    [InlineData("CEF:0|v|p|1|1|n|5|just words here", "CEF: invalid extension; a value without a key is present")]
    [InlineData("CEF:0|v|p|1|1|n|5|src=1.1.1.1\nCEF:0|v|p|1|1|n|5|src=1.1.1.1", "CEF: unescaped newline characters in the message (one event per line)")]
    [InlineData("no marker at all", "CEF: no 'CEF:' marker in the line")]
    public void Malformed_cef_is_quarantined_with_a_reason(string line, string reason)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Cef, Fixtures.Options());

        Assert.Null(outcome.Event);
        Assert.Equal(reason, outcome.Error);
        Assert.Equal(LogFormat.Cef, outcome.DetectedFormat);
    }
}
