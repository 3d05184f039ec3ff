using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.Sigma;
using MsspPortal.Core.Events;
using MsspPortal.UnitTests.Parsing;

namespace MsspPortal.UnitTests.Detection;

public sealed class SigmaImportTests
{
    private static DetectionRule Import(string yaml)
    {
        var result = SigmaRuleImporter.Import(yaml);
        Assert.True(result.Succeeded, result.ToString());
        return result.Rule;
    }

    private static DetectionRule ImportFixture(string file) =>
        Import(Fixtures.Text("sigma/" + file));

    private static bool Fires(DetectionRule rule, NormalizedEvent e) => new DetectionEngine([rule]).Evaluate(Guid.NewGuid(), [e]).Count > 0;

    private static NormalizedEvent Windows(string eventId, string? ip = null, Action<NormalizedEvent>? more = null)
    {
        var e = new NormalizedEvent { Timestamp = Events.T0, RuleId = eventId, SourceIp = ip, HostName = "DC01", UserName = "alice" };
        more?.Invoke(e);
        return e;
    }

    [Fact]
    public void Every_fixture_rule_imports_except_the_one_that_needs_an_unsupported_modifier()
    {
        var results = Directory.GetFiles(Fixtures.Path("sigma"), "*.yml").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => SigmaRuleImporter.Import(File.ReadAllText(f)));

        Assert.Equal(6, results.Count);
        Assert.Equal(["unsupported_base64offset.yml"], results.Where(r => !r.Value.Succeeded).Select(r => r.Key));
        Assert.Contains(results["unsupported_base64offset.yml"].Errors, e => e.Contains("|base64offset", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_keeps_author_id_status_references_and_technique_tags()
    {
        var rule = ImportFixture("failed_logon_from_public_ip.yml");
        Assert.Equal("8c1e7c1a-0f4e-4b8e-9a55-000000000001", rule.Id);
        Assert.Equal("Failed Logon From A Public Address", rule.Title);
        Assert.Equal(DetectionSeverity.Medium, rule.Severity);
        Assert.Equal("MsspPortal tests", rule.Provenance.Author);
        Assert.Equal("test", rule.Provenance.Status);
        Assert.Single(rule.Provenance.References);
        Assert.Equal(["T1078", "T1133"], rule.Techniques);
        // An unknown tactic tag (newer Sigma than our ATT&CK version) is kept, not fatal.
        Assert.Contains("attack.stealth", rule.Provenance.Tags);
    }

    [Fact]
    public void Failed_logon_from_public_ip_matches_public_sources_only()
    {
        var rule = ImportFixture("failed_logon_from_public_ip.yml");
        Assert.True(Fires(rule, Windows("4625", "198.51.100.23")));
        Assert.False(Fires(rule, Windows("4625", "10.1.2.3")));
        Assert.False(Fires(rule, Windows("4625", "172.20.0.9")));
        Assert.False(Fires(rule, Windows("4625", "fe80::1")));
        Assert.False(Fires(rule, Windows("4625", "-")));
        Assert.False(Fires(rule, Windows("4624", "198.51.100.23")));
    }

    [Fact]
    public void Failed_logon_reasons_compare_hex_codes_case_insensitively()
    {
        var rule = ImportFixture("account_tampering_logon_status.yml");
        Assert.True(Fires(rule, Windows("4625", more: e => e.Fields["winlog.event_data.Status"] = "0xc0000072")));
        Assert.True(Fires(rule, Windows("4776", more: e => e.Fields["SubStatus"] = "0xC000006F")));
        Assert.True(Fires(rule, Windows("4625", more: e => e.Fields["SubStatus"] = "0xc0000234")));
        Assert.False(Fires(rule, Windows("4625", more: e => e.Fields["Status"] = "0xc000006d")));
        Assert.False(Fires(rule, Windows("4624", more: e => e.Fields["Status"] = "0xc0000072")));
        Assert.False(Fires(rule, Windows("4625", more: e =>
        {
            e.Fields["Status"] = "0xc0000072";
            e.Fields["SubjectUserSid"] = "S-1-0-0";
        })));
    }

    [Fact]
    public void Legacy_count_with_a_field_becomes_a_distinct_count_rule()
    {
        var rule = Assert.IsType<DistinctCountRule>(ImportFixture("legacy_spray_count.yml"));
        Assert.Equal(21, rule.Count); // "> 20"
        Assert.Equal(TimeSpan.FromMinutes(5), rule.Window);
        Assert.Equal(["destination.ip"], rule.GroupBy);
        Assert.Equal("category", rule.DistinctField);
        Assert.Equal("deprecated", rule.Provenance.Status);
    }

    [Fact]
    public void Endswith_list_matches_any_suffix()
    {
        var rule = ImportFixture("scanner_binaries.yml");
        var e = new NormalizedEvent { Timestamp = Events.T0 };
        e.Fields["type"] = "SYSCALL";
        e.Fields["exe"] = "/usr/bin/NMAP";
        e.Fields["key"] = "network_connect_4";
        Assert.True(Fires(rule, e));
        e.Fields["exe"] = "/opt/tools/masscan";
        Assert.True(Fires(rule, e));
        e.Fields["exe"] = "/usr/bin/curl";
        Assert.False(Fires(rule, e));
        e.Fields["exe"] = "/usr/bin/nmap";
        e.Fields["key"] = "other";
        Assert.False(Fires(rule, e));
    }

    [Fact]
    public void Provider_flag_rule_keeps_a_field_name_it_does_not_know()
    {
        var rule = ImportFixture("risky_signin_provider_flag.yml");
        var flagged = new NormalizedEvent { Timestamp = Events.T0 };
        flagged.Fields["riskEventType"] = "unlikelyTravel";
        Assert.True(Fires(rule, flagged));
        flagged.Fields["riskEventType"] = "leakedCredentials";
        Assert.False(Fires(rule, flagged));
    }

    [Fact]
    public void Count_by_field_becomes_a_threshold_rule()
    {
        var rule = Assert.IsType<ThresholdRule>(Import("""
            title: t
            id: t1
            logsource: { category: authentication }
            detection:
              selection: { action: failure }
              timeframe: 2m
              condition: selection | count() by src_ip >= 3
            """));
        Assert.Equal(3, rule.Count);
        Assert.Equal(["source.ip"], rule.GroupBy);
        var failures = Enumerable.Range(0, 3).Select(i => Events.Logon(Events.T0.AddSeconds(i), "u" + i, "203.0.113.9", success: false));
        Assert.Single(new DetectionEngine([rule]).Evaluate(Guid.NewGuid(), failures));
    }

    [Fact]
    public void Quantifiers_and_parentheses_follow_sigma_semantics()
    {
        var rule = Import("""
            title: t
            id: t2
            detection:
              sel_a: { user.name: alice }
              sel_b: { host.name|startswith: web }
              filter: { source.ip|cidr: 10.0.0.0/8 }
              condition: (1 of sel_* and not filter) or all of them
            """);
        Assert.True(Fires(rule, new NormalizedEvent { UserName = "ALICE", SourceIp = "198.51.100.1" }));
        Assert.True(Fires(rule, new NormalizedEvent { HostName = "web-01", SourceIp = "198.51.100.1" }));
        Assert.False(Fires(rule, new NormalizedEvent { UserName = "alice", SourceIp = "10.0.0.1" }));
        Assert.True(Fires(rule, new NormalizedEvent { UserName = "alice", HostName = "WEB-2", SourceIp = "10.0.0.1" }));
    }

    [Fact]
    public void Wildcards_all_modifier_keywords_and_null_values_are_understood()
    {
        var rule = Import("""
            title: t
            id: t3
            detection:
              cmd:
                message|contains|all: [ 'powershell', '-enc' ]
              url:
                url.original: '/admin/*/delete?id=*'
              nohost:
                host.name: null
              keywords:
                - 'mimikatz'
                - 'sekurlsa::*'
              condition: cmd or (url and nohost) or keywords
            """);
        Assert.True(Fires(rule, new NormalizedEvent { Message = "PowerShell.exe -ENC aGVsbG8=" }));
        Assert.False(Fires(rule, new NormalizedEvent { Message = "powershell.exe -File x.ps1" }));
        Assert.True(Fires(rule, new NormalizedEvent { Url = "/admin/users/delete?id=4" }));
        Assert.False(Fires(rule, new NormalizedEvent { Url = "/admin/users/delete?id=4", HostName = "web" }));
        Assert.False(Fires(rule, new NormalizedEvent { Url = "/shop/admin/users/delete?id=4" }));
        Assert.True(Fires(rule, new NormalizedEvent { Message = "ran sekurlsa::logonpasswords" }));
    }

    [Fact]
    public void One_of_them_fires_on_any_selection()
    {
        var rule = Import("""
            title: t
            id: t7
            detection:
              by_user: { User: root }
              by_host: { Computer|endswith: '-dc' }
              condition: 1 of them
            """);
        Assert.True(Fires(rule, new NormalizedEvent { UserName = "ROOT" }));
        Assert.True(Fires(rule, new NormalizedEvent { HostName = "corp-DC" }));
        Assert.False(Fires(rule, new NormalizedEvent { UserName = "alice", HostName = "corp-web" }));
    }

    [Fact]
    public void Escaped_wildcards_are_literal()
    {
        var rule = Import("""
            title: t
            id: t4
            detection:
              sel: { message: 'price\*2' }
              condition: sel
            """);
        Assert.True(Fires(rule, new NormalizedEvent { Message = "price*2" }));
        Assert.False(Fires(rule, new NormalizedEvent { Message = "price times 2" }));
    }

    [Fact]
    public void Unsupported_modifiers_are_refused_with_every_reason_listed()
    {
        var result = SigmaRuleImporter.Import("""
            title: t
            id: t5
            detection:
              sel:
                CommandLine|base64offset|contains: 'IEX'
                Image|windash: '-enc'
              condition: sel
            """);
        Assert.False(result.Succeeded);
        Assert.Null(result.Rule);
        Assert.Contains(result.Errors, e => e.Contains("|base64offset", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("|windash", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sel1 near sel2", "near")]
    [InlineData("sel1 | sum(bytes) by src_ip > 10", "not supported")]
    [InlineData("sel1 | count() by src_ip > 10", "timeframe")]
    [InlineData("2 of sel*", "'2 of'")]
    [InlineData("sel1 and missing", "unknown identifier 'missing'")]
    [InlineData("(sel1 or sel2", "missing ')'")]
    public void Unsupported_or_broken_conditions_are_refused(string condition, string reason)
    {
        var result = SigmaRuleImporter.Import($"""
            title: t
            id: t6
            detection:
              sel1: {"{"} user.name: a {"}"}
              sel2: {"{"} user.name: b {"}"}
              condition: {condition}
            """);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Correlation_rules_and_missing_ids_are_refused()
    {
        var result = SigmaRuleImporter.Import("""
            title: t
            correlation: { type: event_count, rules: [x], group-by: [User], timespan: 5m, condition: { gte: 10 } }
            detection:
              sel: { user.name: a }
              condition: sel
            """);
        Assert.Contains(result.Errors, e => e.Contains("correlation", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("'id'", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_yaml_is_refused_not_thrown()
    {
        var result = SigmaRuleImporter.Import("title: [unclosed");
        Assert.False(result.Succeeded);
        Assert.StartsWith("invalid YAML", result.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IpAddress", "windows", "source.ip")]
    [InlineData("src_ip", null, "source.ip")]
    [InlineData("SourceIp", null, "source.ip")]
    [InlineData("TargetUserName", "windows", "user.name")]
    [InlineData("User", null, "user.name")]
    [InlineData("EventID", "windows", "rule.id")]
    [InlineData("EventID", "linux", "EventID")]
    [InlineData("Computer", "windows", "host.name")]
    [InlineData("riskEventType", "azure", "riskEventType")]
    public void Sigma_field_names_map_onto_normalised_fields(string sigma, string? product, string expected) =>
        Assert.Equal(expected, SigmaFieldMap.Map(sigma, product));
}
