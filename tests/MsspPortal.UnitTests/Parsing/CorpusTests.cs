using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

public sealed class CorpusTests
{
    [Theory]
    [InlineData("syslog/metron-cisco-asa/asa_raw.log", LogFormat.Rfc3164)]
    [InlineData("syslog/metron-rfc3164/Syslog3164Output.log", LogFormat.Rfc3164)]
    [InlineData("syslog/metron-rfc5424/Syslog5424Output.log", LogFormat.Rfc5424)]
    [InlineData("syslog/metron-paloalto/PaloaltoOutput.log", LogFormat.Rfc3164)]
    [InlineData("syslog/beats-system-auth/auth-test.log", LogFormat.Rfc3164)]
    [InlineData("cef/metron/adallom.cef", LogFormat.Cef)]
    [InlineData("cef/metron/cyberark.cef", LogFormat.Cef)]
    [InlineData("cef/metron/palo.cef", LogFormat.Cef)]
    [InlineData("cef/metron/waf.cef", LogFormat.Cef)]
    [InlineData("leef/metron/sample.leef", LogFormat.Leef)]
    [InlineData("json/zeek/metron/BroExampleOutput.ndjson", LogFormat.Json)]
    [InlineData("json/zeek/otrf-apt29/SCRANTON_dns.log", LogFormat.Json)]
    [InlineData("json/zeek/otrf-apt29/NASHUA_notice.log", LogFormat.Json)]
    [InlineData("json/windows-security/otrf/purplesharp_ad_playbook_I.security-extract.ndjson", LogFormat.Json)]
    [InlineData("json/okta/panther/brute_force_logins.derived.jsonl", LogFormat.Json)]
    [InlineData("json/okta/panther/legit_login.derived.jsonl", LogFormat.Json)]
    public void Every_line_of_a_raw_file_parses_with_auto_detection(string file, LogFormat expected)
    {
        var lines = Corpus.Lines(file);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var outcome = LogLineParser.Parse(line, LogFormat.Auto, Corpus.Options());
            Assert.True(outcome.Event is not null, $"{outcome.Error}: {line}");
            Assert.Equal(expected, outcome.DetectedFormat);
            Assert.Equal(expected, outcome.Event!.Format);
        }
    }

    [Fact]
    public void Every_input_of_the_logstash_cef_file_parses_except_the_two_malformed_lines()
    {
        var failures = Corpus.Lines("cef/logstash-codec-cef/decode-inputs.cef")
            .Select(line => (line, outcome: LogLineParser.Parse(line, LogFormat.Cef, Corpus.Options())))
            .Where(x => x.outcome.Event is null)
            .Select(x => x.line)
            .ToList();

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("a|b|c", failures[0], StringComparison.Ordinal);
        Assert.Contains("this is in the extensions space", failures[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json/suricata/telegraf/alert.json")]
    [InlineData("json/suricata/telegraf/dns.json")]
    [InlineData("json/suricata/telegraf/drop.json")]
    [InlineData("json/suricata/telegraf/http.json")]
    [InlineData("json/cloudtrail/panther/attacker_cloudtrail.derived.json")]
    public void Pretty_printed_json_files_parse_as_whole_texts(string file)
    {
        var outcomes = LogTextParser.ParseText(File.ReadAllText(Corpus.Path(file)), LogFormat.Auto, Corpus.Options()).ToList();

        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.True(o.Event is not null, o.Error));
    }
}
