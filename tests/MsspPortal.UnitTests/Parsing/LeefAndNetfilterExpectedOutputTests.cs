using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class LeefAndNetfilterExpectedOutputTests
{
    private const string NetfilterFile = "syslog/netfilter/netfilter-cases.json";

    [Fact]
    public void Leef_lines_match_their_metron_shaped_attributes()
    {
        var (records, failures) = ExpectedOutputs.Compare(Fixtures.Text("leef/metron-style/sample.leef"), Fixtures.Text("leef/metron-style/sample.parsed.ndjson"));

        Assert.Equal(4, records);
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(0, "Microsoft", "MSExchange", "15345", "10.50.1.1", 4)]
    [InlineData(1, "Lancope", "StealthWatch", "41", "10.0.1.8", 5)]
    [InlineData(2, "Trend Micro", "Deep Security Agent", "4000000", null, 6)]
    public void Leef_1_and_2_with_tab_caret_and_hex_delimiters_give_header_and_attributes(int index, string vendor, string product, string eventId, string? source, int severity)
    {
        var ev = LogLineParser.Parse(Fixtures.Lines("leef/metron-style/sample.leef")[index], LogFormat.Auto, Fixtures.Options()).Event!;

        Assert.Equal(LogFormat.Leef, ev.Format);
        Assert.Equal((vendor, product, eventId, source, severity), (ev.ObserverVendor, ev.ObserverProduct, ev.RuleId, ev.SourceIp, ev.Severity));
    }

    [Fact]
    public void Leef_space_separated_pairs_labels_and_rsyslog_tab_escapes_become_separate_attributes()
    {
        var line = Fixtures.Lines("leef/metron-style/sample.leef")[3];
        var ev = LogLineParser.Parse(line, LogFormat.Leef, Fixtures.Options()).Event!;

        Assert.Equal("8", ev.Fields["leef.sev"]);
        Assert.Equal(8, ev.Severity);
        Assert.Equal("241", ev.Fields["leef.Host ID"]);
        Assert.Equal("File System", ev.Fields["leef.TrendMicroDsMalwareTargetType"]);
        Assert.Equal("3395856CE81F2B7382DEE72602F798B642F14140", ev.Fields["leef.TrendMicroDsFileSHA1"]);
        Assert.Equal("Terminate", ev.EventAction);
    }

    public static TheoryData<string> NetfilterCaseIds() => Fixtures.CaseIds(NetfilterFile);

    [Theory]
    [MemberData(nameof(NetfilterCaseIds))]
    public void Netfilter_and_syslog_case_matches_its_expectations(string id) =>
        Assert.Empty(CaseFiles.Netfilter(Fixtures.Case(NetfilterFile, id)));

    [Fact]
    public void Padded_kernel_uptime_is_read_without_its_padding()
    {
        var ev = LogLineParser.Parse("Mar  3 11:00:02 gw kernel: [    5.000100] DROP IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.2 PROTO=ICMP", LogFormat.Auto, Fixtures.Options()).Event!;

        Assert.Equal("5.000100", ev.Fields["kernel.uptime"]);
    }

    [Fact]
    public void Netfilter_drop_prefix_is_a_denied_connection_with_ports_and_transport()
    {
        var line = Fixtures.Case(NetfilterFile, "sfw2_drop_tcp_syn").GetProperty("input").GetString()!;
        var ev = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options()).Event!;

        Assert.Equal("connection-denied", ev.EventAction);
        Assert.Equal(EventOutcome.Failure, ev.Outcome);
        Assert.Equal("tcp", ev.NetworkTransport);
        Assert.Equal(44321, ev.SourcePort);
        Assert.Equal(22, ev.DestinationPort);
        Assert.Equal("60", ev.Fields["netfilter.len"]);
        Assert.Null(ev.Get("observer.egress.interface.name"));
        Assert.Equal("kernel", ev.ProcessName);
    }
}
