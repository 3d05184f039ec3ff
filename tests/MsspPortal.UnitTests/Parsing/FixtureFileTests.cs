using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Every fixture file, as a user's upload would arrive: whole files, auto-detected.</summary>
public sealed class FixtureFileTests
{
    [Theory]
    [InlineData("syslog/cisco-asa/asa.log", LogFormat.Rfc3164)]
    [InlineData("syslog/rfc3164/rfc3164.log", LogFormat.Rfc3164)]
    [InlineData("syslog/rfc5424/rfc5424.log", LogFormat.Rfc5424)]
    [InlineData("syslog/paloalto/panos.log", LogFormat.Rfc3164)]
    [InlineData("syslog/auth/auth.log", LogFormat.Rfc3164)]
    [InlineData("cef/vendors/mdca.cef", LogFormat.Cef)]
    [InlineData("cef/vendors/vault.cef", LogFormat.Cef)]
    [InlineData("cef/vendors/palo.cef", LogFormat.Cef)]
    [InlineData("cef/vendors/waf.cef", LogFormat.Cef)]
    [InlineData("leef/metron-style/sample.leef", LogFormat.Leef)]
    [InlineData("json/zeek/wrapped/zeek.ndjson", LogFormat.Json)]
    [InlineData("json/zeek/flat/dns.log", LogFormat.Json)]
    [InlineData("json/zeek/flat/notice.log", LogFormat.Json)]
    [InlineData("json/windows-security/security.ndjson", LogFormat.Json)]
    [InlineData("json/okta/okta.jsonl", LogFormat.Json)]
    public void Every_line_of_a_raw_file_parses_with_auto_detection(string file, LogFormat expected)
    {
        var lines = Fixtures.Lines(file);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var outcome = LogLineParser.Parse(line, LogFormat.Auto, Fixtures.Options());
            Assert.True(outcome.Event is not null, $"{outcome.Error}: {line}");
            Assert.Equal(expected, outcome.DetectedFormat);
            Assert.Equal(expected, outcome.Event!.Format);
        }
    }

    [Fact]
    public void Every_cef_case_input_parses_except_the_three_the_cases_mark_as_failures()
    {
        var mustFail = CaseFiles.ExpectedFailures(Fixtures.Cases("cef/cases/cef-cases.json")).ToList();
        var failures = Fixtures.Lines("cef/cases/cef-inputs.cef")
            .Select(line => (line, outcome: LogLineParser.Parse(line, LogFormat.Cef, Fixtures.Options())))
            .Where(x => x.outcome.Event is null)
            .Select(x => x.line)
            .ToList();

        Assert.Equal(3, mustFail.Count);
        Assert.Equal(mustFail, failures);
    }

    [Theory]
    [InlineData("json/suricata/alert.json", 1)]
    [InlineData("json/suricata/dns.json", 1)]
    [InlineData("json/suricata/drop.json", 1)]
    [InlineData("json/suricata/http.json", 1)]
    [InlineData("json/cloudtrail/cloudtrail.json", 5)]
    public void Pretty_printed_json_files_parse_as_whole_texts(string file, int records)
    {
        var outcomes = LogTextParser.ParseText(Fixtures.Text(file), LogFormat.Auto, Fixtures.Options()).ToList();

        Assert.Equal(records, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Event is not null, o.Error));
    }

    [Fact]
    public void Every_broken_line_is_quarantined_with_a_reason_and_none_is_lost()
    {
        var lines = Fixtures.Lines("syslog/broken/broken.log");
        var outcomes = LogTextParser.ParseText(Fixtures.Text("syslog/broken/broken.log"), LogFormat.Auto, Fixtures.Options()).ToList();

        Assert.Equal(8, lines.Length);
        Assert.Equal(lines.Length, outcomes.Count);
        Assert.All(outcomes, o =>
        {
            Assert.Null(o.Event);
            Assert.False(string.IsNullOrWhiteSpace(o.Error));
        });
    }

    [Fact]
    public void Hostile_lines_parse_and_keep_their_content_verbatim_for_encoding_at_display()
    {
        var events = Fixtures.Lines("syslog/hostile/hostile.log").Select(l => LogLineParser.Parse(l, LogFormat.Auto, Fixtures.Options())).ToList();

        Assert.All(events, o => Assert.True(o.Event is not null, o.Error));
        Assert.Equal("<script>alert(document.cookie)</script>", events[0].Event!.Message);
        Assert.StartsWith("=HYPERLINK(", events[1].Event!.Message, StringComparison.Ordinal);
        Assert.Contains('\u001b', events[2].Event!.Message!);
        Assert.Equal("before\0after NUL in the message", events[3].Event!.Message);
        Assert.Equal(20000, events[4].Event!.Message!.Length);
        Assert.Equal("<img src=x onerror=alert(1)>", events[5].Event!.ObserverProduct);
        Assert.Equal("admin' OR '1'='1", events[5].Event!.UserName);
        Assert.Equal("<b>bold</b>", events[6].Event!.UserName);
        Assert.Equal("<script>x</script>", events[7].Event!.RuleName);
        Assert.Contains('\u202e', events[8].Event!.Message!);
    }

    [Fact]
    public async Task The_fixture_folder_conforms_as_a_whole()
    {
        var failed = new List<ConformanceCheck>();
        await foreach (var check in ConformanceRunner.RunAsync(Fixtures.Path(""), CancellationToken.None))
        {
            if (!check.Passed)
            {
                failed.Add(check);
            }
        }

        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(c => $"{c.Subject}: {string.Join("; ", c.Failures)}")));
    }
}
