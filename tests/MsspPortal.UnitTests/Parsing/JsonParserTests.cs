using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Core.Parsing.Json;

namespace MsspPortal.UnitTests.Parsing;

public sealed class JsonParserTests
{
    private static List<NormalizedEvent> ParseFile(string file) =>
        LogTextParser.ParseText(File.ReadAllText(Corpus.Path(file)), LogFormat.Auto, Corpus.Options())
            .Select(o => o.Event ?? throw new InvalidOperationException(o.Error)).ToList();

    [Fact]
    public void Pretty_printed_suricata_alert_maps_signature_severity_and_flow()
    {
        var ev = Assert.Single(ParseFile("json/suricata/telegraf/alert.json"));

        Assert.Equal("Corrupted HTTP body", ev.RuleName);
        Assert.Equal("6", ev.RuleId);
        Assert.Equal(4, ev.Severity);
        Assert.Equal("intrusion_detection", ev.EventCategory);
        Assert.Equal(("10.0.0.5", 18715, "179.60.192.3", 80), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort));
        Assert.Equal(new DateTimeOffset(2021, 5, 30, 18, 7, 13, TimeSpan.Zero).AddTicks(2087770), ev.Timestamp);
        Assert.Equal("Misc activity", ev.Fields["alert.category"]);
    }

    [Fact]
    public void Suricata_dns_http_and_drop_events_map_their_specifics()
    {
        Assert.Equal("reddit.com", ParseFile("json/suricata/telegraf/dns.json")[0].Domain);
        var http = ParseFile("json/suricata/telegraf/http.json")[0];
        Assert.Equal(("hkminorshort.weixin.qq.com", "/mmtls/2d6d45f1"), (http.Domain, http.Url));
        var drop = ParseFile("json/suricata/telegraf/drop.json")[0];
        Assert.Equal(("connection-denied", EventOutcome.Failure), (drop.EventAction, drop.Outcome));
    }

    [Fact]
    public void Windows_security_events_map_logons_failures_and_process_creation()
    {
        var events = ParseFile("json/windows-security/otrf/purplesharp_ad_playbook_I.security-extract.ndjson");

        Assert.Equal(46, events.Count);
        var failed = events.Where(e => e.RuleId == "4625").ToList();
        Assert.Equal(7, failed.Count);
        Assert.All(failed, e => Assert.Equal(("logon-failed", EventOutcome.Failure, "authentication"), (e.EventAction, e.Outcome, e.EventCategory)));
        Assert.Equal("lrodriguez", failed[0].UserName);
        Assert.Equal("WORKSTATION5.theshire.local", failed[0].HostName);
        var logon = events.First(e => e.RuleId == "4624");
        Assert.Equal(("logon", EventOutcome.Success, "pgustavo", "172.18.39.5", 58179), (logon.EventAction, logon.Outcome, logon.UserName, logon.SourceIp, logon.SourcePort));
        var process = events.First(e => e.RuleId == "4688");
        Assert.Equal(("process-created", @"C:\Users\pgustavo\Downloads\PurpleSharp.exe"), (process.EventAction, process.ProcessName));
        Assert.All(events.Where(e => e.RuleId == "4776"), e => Assert.Equal(EventOutcome.Failure, e.Outcome));
        Assert.Equal("172.18.39.5", events.First(e => e.RuleId == "4769").SourceIp);
        Assert.Equal("special-privileges-assigned", events.First(e => e.RuleId == "4672").EventAction);
        Assert.Equal(new DateTimeOffset(2020, 10, 22, 8, 29, 53, 799, TimeSpan.Zero), events[0].Timestamp);
    }

    [Fact]
    public void Zeek_both_dialects_give_the_connection_and_query()
    {
        var metron = ParseFile("json/zeek/metron/BroExampleOutput.ndjson");
        var dns = metron.First(e => e.Get("zeek.log") == "dns");
        Assert.Equal(("10.122.196.204", 33976, "144.254.71.184", 53, "www.cisco.com"), (dns.SourceIp, dns.SourcePort, dns.DestinationIp, dns.DestinationPort, dns.Domain));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1402308259609), dns.Timestamp);

        var otrf = ParseFile("json/zeek/otrf-apt29/SCRANTON_dns.log")[0];
        Assert.Equal(("10.0.1.4", 64842, "newyork.dmevals.local", "simplerockbuild.simplerock.lan"), (otrf.SourceIp, otrf.SourcePort, otrf.Domain, otrf.HostName));
        var notice = ParseFile("json/zeek/otrf-apt29/NASHUA_notice.log")[0];
        Assert.Equal("SSL::Invalid_Server_Cert", notice.RuleName);
    }

    [Fact]
    public void Zeek_metron_records_match_metron_parsed_addresses()
    {
        var expected = SyslogExpectedOutputTests.Expected("json/zeek/metron/BroExampleParsed.ndjson").ToList();
        var actual = ParseFile("json/zeek/metron/BroExampleOutput.ndjson");

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.Equal(expected[i].TryGetProperty("ip_src_addr", out var src) ? src.GetString() : actual[i].SourceIp, actual[i].SourceIp);
            Assert.Equal(expected[i].TryGetProperty("ip_dst_addr", out var dst) ? dst.GetString() : actual[i].DestinationIp, actual[i].DestinationIp);
            Assert.Equal("Zeek", actual[i].ObserverVendor);
            Assert.Equal(expected[i].GetProperty("timestamp").GetInt64(), actual[i].Timestamp.ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public void Okta_brute_force_logins_are_failed_logons_from_several_countries()
    {
        var events = ParseFile("json/okta/panther/brute_force_logins.derived.jsonl");

        Assert.Equal(10, events.Count);
        Assert.Equal(9, events.Count(e => e.EventAction == "logon-failed"));
        Assert.Equal(1, events.Count(e => e.EventAction == "logon" && e.Outcome == EventOutcome.Success));
        Assert.All(events, e => Assert.Equal("jack.naglieri@runpanther.io", e.UserName));
        Assert.True(events.Select(e => e.SourceCountry).Distinct().Count() >= 4);
    }

    [Fact]
    public void Cloudtrail_records_envelope_gives_one_event_per_record()
    {
        var events = ParseFile("json/cloudtrail/panther/attacker_cloudtrail.derived.json");

        Assert.Equal(12, events.Count);
        Assert.Equal(("logon-failed", "root", "92.55.146.245"), (events[0].EventAction, events[0].UserName, events[0].SourceIp));
        Assert.Contains(events, e => e.EventAction == "StopLogging");
    }

    [Fact]
    public void Records_envelope_on_one_line_is_refused_by_the_line_parser_with_a_pointer_to_the_splitter()
    {
        var outcome = LogLineParser.Parse("{\"Records\":[{\"eventSource\":\"a\",\"eventName\":\"b\"},{\"eventSource\":\"a\",\"eventName\":\"c\"}]}", LogFormat.Auto, Corpus.Options());

        Assert.Null(outcome.Event);
        Assert.Contains("Records envelope with 2 records", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(2, JsonRecordSplitter.Split("{\"Records\":[{\"a\":1},{\"a\":2}]}").Count());
    }

    [Fact]
    public void Generic_json_is_mapped_by_configured_paths()
    {
        var mapping = new JsonFieldMapping(new Dictionary<string, string>
        {
            ["@timestamp"] = "meta.when",
            ["source.ip"] = "net.client.addr",
            ["source.port"] = "net.client.port",
            ["user.name"] = "who",
            ["event.outcome"] = "result",
            ["custom.thing"] = "x.y",
        });
        var options = Corpus.Options() with { JsonMapping = mapping };
        var ev = LogLineParser.Parse("{\"meta\":{\"when\":\"2024-05-01T10:00:00Z\"},\"net\":{\"client\":{\"addr\":\"198.51.100.7\",\"port\":4444}},\"who\":\"carol\",\"result\":\"failure\",\"x\":{\"y\":true}}", LogFormat.Json, options).Event!;

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("198.51.100.7", 4444, "carol", EventOutcome.Failure), (ev.SourceIp, ev.SourcePort, ev.UserName, ev.Outcome));
        Assert.Equal("true", ev.Fields["custom.thing"]);
    }

    [Theory]
    [InlineData("{\"a\":", "JSON: invalid")]
    [InlineData("[1,2]", "JSON: the root is Array")]
    public void Invalid_json_is_quarantined_with_a_reason(string line, string reason)
    {
        var outcome = LogLineParser.Parse(line, LogFormat.Json, Corpus.Options());

        Assert.Null(outcome.Event);
        Assert.StartsWith(reason, outcome.Error, StringComparison.Ordinal);
    }
}
