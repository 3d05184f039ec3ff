using System.Text.Json;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class LeefAndNetfilterExpectedOutputTests
{
    private static readonly HashSet<string> MetronOnly = ["original_string", "timestamp", "source.type", "guid", "ip_src_addr", "DeviceVendor", "DeviceProduct", "DeviceVersion", "DeviceEvent"];

    [Fact]
    public void Leef_lines_match_metron_attributes()
    {
        var checkedLines = 0;
        foreach (var expected in SyslogExpectedOutputTests.Expected("leef/metron/leefParsed.ndjson"))
        {
            var line = expected.GetProperty("original_string").GetString()!;
            var outcome = LogLineParser.Parse(line, LogFormat.Auto, Corpus.Options());
            Assert.True(outcome.Event is not null, outcome.Error);
            var ev = outcome.Event!;
            Assert.Equal(LogFormat.Leef, ev.Format);
            Assert.Equal(expected.GetProperty("DeviceVendor").GetString(), ev.ObserverVendor);
            Assert.Equal(expected.GetProperty("DeviceProduct").GetString(), ev.ObserverProduct);
            Assert.Equal(expected.GetProperty("DeviceVersion").GetString(), ev.Fields["observer.version"]);
            Assert.Equal(expected.GetProperty("DeviceEvent").GetString(), ev.RuleId);
            if (expected.TryGetProperty("ip_src_addr", out var src))
            {
                Assert.Equal(src.GetString(), ev.SourceIp);
            }
            foreach (var property in expected.EnumerateObject().Where(p => !MetronOnly.Contains(p.Name)))
            {
                Assert.True(ev.Fields.TryGetValue("leef." + property.Name, out var actual), $"missing leef.{property.Name}");
                var value = property.Value.GetString()!;
                // Metron splits attributes on tabs only, so "sev=8 cn1=37" gives sev "8 cn1"; we also end a value at " key=".
                if (value != actual)
                {
                    Assert.StartsWith(actual + " ", value, StringComparison.Ordinal);
                    Assert.Matches(@"^\S+$", value[(actual.Length + 1)..]);
                }
            }
            checkedLines++;
        }
        Assert.Equal(4, checkedLines);
    }

    [Fact]
    public void Leef_space_separated_pairs_and_rsyslog_tab_escapes_become_separate_attributes()
    {
        var line = Corpus.Lines("leef/metron/sample.leef")[2];
        var ev = LogLineParser.Parse(line, LogFormat.Leef, Corpus.Options()).Event!;

        Assert.Equal("6", ev.Fields["leef.sev"]);
        Assert.Equal(6, ev.Severity);
        Assert.Equal("241", ev.Fields["leef.Host ID"]);
        Assert.Equal("File System", ev.Fields["leef.TrendMicroDsMalwareTargetType"]);
        Assert.Equal("1947A1BC0982C5871FA3768CD025453E", ev.Fields["leef.TrendMicroDsFileMD5"]);
        Assert.Equal("5AD084DDCD8F80FBF2EE3F0E4F812E812DEE60C1", ev.Fields["leef.TrendMicroDsFileSHA1"]);
        Assert.Equal("Terminate", ev.EventAction);
    }

    public static TheoryData<string> NetfilterCaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetfilterCases().EnumerateArray())
        {
            data.Add(c.GetProperty("id").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NetfilterCaseIds))]
    public void Netfilter_and_syslog_case_matches_the_logstash_expectations(string id)
    {
        var c = NetfilterCases().EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        var outcome = LogLineParser.Parse(c.GetProperty("input").GetString()!, LogFormat.Auto, Corpus.Options(2016, 6));
        Assert.True(outcome.Event is not null, outcome.Error);
        var ev = outcome.Event!;
        if (!c.TryGetProperty("expected_legacy_fields", out var expected))
        {
            // The "pattern must not match" cases are valid netfilter lines for us.
            Assert.NotNull(ev.SourceIp);
            Assert.NotNull(ev.DestinationIp);
            return;
        }
        foreach (var property in expected.EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
            string? actual = property.Name switch
            {
                "nf_src_ip" => ev.SourceIp,
                "nf_dst_ip" => ev.DestinationIp,
                "nf_src_port" => ev.SourcePort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "nf_dst_port" => ev.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "nf_protocol" => ev.NetworkTransport?.ToUpperInvariant(),
                "nf_in_interface" => ev.Get("observer.ingress.interface.name"),
                "nf_out_interface" => ev.Get("observer.egress.interface.name"),
                "nf_src_mac" => ev.Get("source.mac"),
                "nf_dst_mac" => ev.Get("destination.mac"),
                "nf_len" => ev.Get("netfilter.len"),
                "nf_tos" => ev.Get("netfilter.tos"),
                "nf_prec" => ev.Get("netfilter.prec"),
                "nf_ttl" => ev.Get("netfilter.ttl"),
                "nf_id" => ev.Get("netfilter.id"),
                "nf_host" or "syslog5424_host" => ev.HostName,
                "nf_action" or "nf_action1" or "nf_action2" => ev.Get("netfilter.prefix") is { } p && value is not null && p.Contains(value, StringComparison.Ordinal) ? value : ev.Get("netfilter.prefix"),
                "nagios_epoch" => ev.Get("kernel.uptime"),
                "timestamp" => value, // the BSD time text; checked through Timestamp below
                "syslog5424_ts" => value,
                "syslog5424_msgid" => ev.Get("syslog.msgid"),
                _ => throw new InvalidOperationException("unmapped expectation " + property.Name),
            };
            Assert.True(value == actual, $"{property.Name}: expected {value}, got {actual}");
        }
        if (expected.TryGetProperty("syslog5424_ts", out var ts))
        {
            var text = ts.GetString()!.Replace(":60-", ":59-", StringComparison.Ordinal);
            var offset = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(offset.UtcDateTime.AddSeconds(text == ts.GetString() ? 0 : 1), ev.Timestamp.UtcDateTime);
        }
    }

    [Fact]
    public void Netfilter_drop_prefix_is_a_denied_connection_with_ports_and_transport()
    {
        var line = "Jan 29 00:00:28 myth kernel: SFW2-INext-DROP-DEFLT IN=ppp0 OUT= MAC= SRC=24.64.208.134 DST=216.58.112.55 LEN=512 TOS=0x00 PREC=0x00 TTL=70 ID=55012 PROTO=UDP SPT=24128 DPT=1026 LEN=492";
        var ev = LogLineParser.Parse(line, LogFormat.Auto, Corpus.Options()).Event!;

        Assert.Equal("connection-denied", ev.EventAction);
        Assert.Equal(EventOutcome.Failure, ev.Outcome);
        Assert.Equal("udp", ev.NetworkTransport);
        Assert.Equal(24128, ev.SourcePort);
        Assert.Equal(1026, ev.DestinationPort);
        Assert.Equal("512", ev.Fields["netfilter.len"]);
        Assert.Null(ev.Get("observer.egress.interface.name"));
        Assert.Equal("kernel", ev.ProcessName);
    }

    private static JsonElement NetfilterCases() =>
        JsonDocument.Parse(File.ReadAllText(Corpus.Path("syslog/logstash-patterns-core/netfilter-and-syslog-cases.json"))).RootElement.GetProperty("cases");
}
