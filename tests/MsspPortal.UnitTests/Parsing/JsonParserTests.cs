using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Core.Parsing.Json;

namespace MsspPortal.UnitTests.Parsing;

public sealed class JsonParserTests
{
    private static List<NormalizedEvent> ParseFile(string file) =>
        LogTextParser.ParseText(Fixtures.Text(file), LogFormat.Auto, Fixtures.Options())
            .Select(o => o.Event ?? throw new InvalidOperationException(o.Error)).ToList();

    [Fact]
    public void Pretty_printed_suricata_alert_maps_signature_severity_and_flow()
    {
        var ev = Assert.Single(ParseFile("json/suricata/alert.json"));

        Assert.Equal("ET POLICY Possible Outbound Tunnel", ev.RuleName);
        Assert.Equal("2024217", ev.RuleId);
        Assert.Equal(7, ev.Severity); // Suricata 2 of 1 (worst) ..4
        Assert.Equal("intrusion_detection", ev.EventCategory);
        Assert.Equal(("10.8.0.23", 49822, "203.0.113.80", 8080), (ev.SourceIp, ev.SourcePort, ev.DestinationIp, ev.DestinationPort));
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 9, 5, 9, TimeSpan.Zero).AddTicks(1234560), ev.Timestamp);
        Assert.Equal("Potential Corporate Privacy Violation", ev.Fields["alert.category"]);
    }

    [Fact]
    public void Suricata_dns_http_and_drop_events_map_their_specifics()
    {
        Assert.Equal("updates.example.org", ParseFile("json/suricata/dns.json")[0].Domain);
        var http = ParseFile("json/suricata/http.json")[0];
        Assert.Equal(("downloads.example.net", "/pkg/tool.tar.gz"), (http.Domain, http.Url));
        var drop = ParseFile("json/suricata/drop.json")[0];
        Assert.Equal(("connection-denied", EventOutcome.Failure), (drop.EventAction, drop.Outcome));
    }

    [Fact]
    public void Windows_security_events_map_logons_failures_and_process_creation()
    {
        var events = ParseFile("json/windows-security/security.ndjson");

        Assert.Equal(9, events.Count);
        var failed = events.Where(e => e.RuleId == "4625").ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, e => Assert.Equal(("logon-failed", EventOutcome.Failure, "authentication"), (e.EventAction, e.Outcome, e.EventCategory)));
        Assert.Equal(("kchen", "WS-042.corp.example"), (failed[0].UserName, failed[0].HostName));
        Assert.Equal(("198.51.100.99", 50444), (failed[2].SourceIp, failed[2].SourcePort));
        Assert.Null(failed[0].SourceIp); // "-" is no address
        var logon = events.Single(e => e.RuleId == "4624");
        Assert.Equal(("logon", EventOutcome.Success, "mvega", "10.30.4.42", 61001), (logon.EventAction, logon.Outcome, logon.UserName, logon.SourceIp, logon.SourcePort));
        var process = events.Single(e => e.RuleId == "4688");
        Assert.Equal(("process-created", @"C:\Tools\spray.exe"), (process.EventAction, process.ProcessName));
        Assert.All(events.Where(e => e.RuleId == "4776"), e => Assert.Equal(EventOutcome.Failure, e.Outcome));
        Assert.Equal("10.30.4.42", events.Single(e => e.RuleId == "4769").SourceIp);
        Assert.Equal("special-privileges-assigned", events.Single(e => e.RuleId == "4672").EventAction);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 0, 1, 100, TimeSpan.Zero), events[0].Timestamp);
    }

    [Fact]
    public void Zeek_both_dialects_give_the_connection_and_query()
    {
        var wrapped = ParseFile("json/zeek/wrapped/zeek.ndjson");
        var dns = wrapped.Single(e => e.Get("zeek.log") == "dns");
        Assert.Equal(("10.30.4.42", 53000, "10.30.0.2", 53, "fileshare.corp.example"), (dns.SourceIp, dns.SourcePort, dns.DestinationIp, dns.DestinationPort, dns.Domain));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714986001500), dns.Timestamp);

        var flat = ParseFile("json/zeek/flat/dns.log")[0];
        Assert.Equal(("10.30.5.5", 60001, "intranet.corp.example", "sensor-02.corp.example"), (flat.SourceIp, flat.SourcePort, flat.Domain, flat.HostName));
        var notice = ParseFile("json/zeek/flat/notice.log")[0];
        Assert.Equal("SSL::Invalid_Server_Cert", notice.RuleName);
    }

    [Fact]
    public void Zeek_wrapped_records_match_their_metron_shaped_addresses_and_times()
    {
        var (records, failures) = Core.Conformance.ExpectedOutputs.Compare(Fixtures.Text("json/zeek/wrapped/zeek.ndjson"), Fixtures.Text("json/zeek/wrapped/zeek.parsed.ndjson"));

        Assert.Equal(3, records);
        Assert.Empty(failures);
        var (_, altered) = Core.Conformance.ExpectedOutputs.Compare(Fixtures.Text("json/zeek/wrapped/zeek.ndjson"),
            Fixtures.Text("json/zeek/wrapped/zeek.parsed.ndjson").Replace("1714986002125", "1714986002126", StringComparison.Ordinal));
        Assert.Single(altered);
    }

    [Fact]
    public void Okta_failed_sign_ins_are_failed_logons_from_several_countries()
    {
        var events = ParseFile("json/okta/okta.jsonl");

        Assert.Equal(5, events.Count);
        Assert.Equal(4, events.Count(e => e.EventAction == "logon-failed"));
        Assert.Equal(1, events.Count(e => e.EventAction == "logon" && e.Outcome == EventOutcome.Success));
        Assert.All(events, e => Assert.Equal("dana.lee@example.com", e.UserName));
        Assert.Equal(["Brazil", "Vietnam", "Poland"], events.Select(e => e.SourceCountry).Distinct());
    }

    [Fact]
    public void Cloudtrail_records_envelope_gives_one_event_per_record()
    {
        var events = ParseFile("json/cloudtrail/cloudtrail.json");

        Assert.Equal(5, events.Count);
        // The root identity has no userName: its ARN names it.
        Assert.Equal(("logon-failed", "arn:aws:iam::111122223333:root", "203.0.113.99"), (events[0].EventAction, events[0].UserName, events[0].SourceIp));
        Assert.Equal(("logon", EventOutcome.Success), (events[1].EventAction, events[1].Outcome));
        Assert.Contains(events, e => e.EventAction == "StopLogging");
        Assert.Equal("ops-bot", events[4].UserName);
    }

    [Fact]
    public void Records_envelope_on_one_line_is_refused_by_the_line_parser_with_a_pointer_to_the_splitter()
    {
        var outcome = LogLineParser.Parse("{\"Records\":[{\"eventSource\":\"a\",\"eventName\":\"b\"},{\"eventSource\":\"a\",\"eventName\":\"c\"}]}", LogFormat.Auto, Fixtures.Options());

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
        var options = Fixtures.Options() with { JsonMapping = mapping };
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
        var outcome = LogLineParser.Parse(line, LogFormat.Json, Fixtures.Options());

        Assert.Null(outcome.Event);
        Assert.StartsWith(reason, outcome.Error, StringComparison.Ordinal);
    }
}
