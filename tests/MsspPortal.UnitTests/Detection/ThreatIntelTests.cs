using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Intel;
using static MsspPortal.UnitTests.Detection.Events;

namespace MsspPortal.UnitTests.Detection;

public sealed class ThreatIntelTests
{
    private const string Bundle = """
        {"type":"bundle","id":"bundle--1","objects":[
          {"type":"indicator","spec_version":"2.1","id":"indicator--1","pattern_type":"stix","confidence":85,
           "pattern":"[ipv4-addr:value = '198.51.100.66'] OR [domain-name:value = 'Evil.Example.']",
           "valid_from":"2025-01-01T00:00:00Z","valid_until":"2025-06-01T00:00:00Z"},
          {"type":"indicator","spec_version":"2.1","id":"indicator--2","pattern_type":"stix",
           "pattern":"[file:hashes.'SHA-256' = 'AABBCC']","valid_from":"2025-01-01T00:00:00Z"},
          {"type":"indicator","spec_version":"2.1","id":"indicator--3","pattern_type":"stix",
           "pattern":"[ipv4-addr:value = '1.1.1.1' AND network-traffic:dst_port = 53]","valid_from":"2025-01-01T00:00:00Z"},
          {"type":"indicator","spec_version":"2.1","id":"indicator--4","pattern_type":"sigma","pattern":"title: x","valid_from":"2025-01-01T00:00:00Z"},
          {"type":"indicator","id":"indicator--5","revoked":true,"pattern":"[url:value = 'http://x']"},
          {"type":"malware","id":"malware--1","name":"ignored"}
        ]}
        """;

    [Fact]
    public void Stix_indicators_with_simple_patterns_are_imported_and_the_rest_reported()
    {
        var result = StixBundleImporter.Import(Bundle, "feed");
        Assert.Equal(["198.51.100.66", "evil.example", "aabbcc"], result.Indicators.Select(i => i.Value));
        Assert.Equal(85, result.Indicators[0].Confidence);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), result.Indicators[0].ValidUntil);
        Assert.Equal(3, result.Skipped.Count);
    }

    [Fact]
    public void Csv_lists_are_imported_with_confidence_and_expiry_and_bad_rows_reported()
    {
        const string csv = "type,value,confidence,valid_until,description\nip,203.0.113.99,90,2025-12-31,c2\ndomain,Bad.Example,,,\nurl,http://bad.example/x,,,\nsha256,ABCDEF,,,\nwhat,x,,,\nip,1.2.3.4,500,,\n";
        var result = IndicatorCsvImporter.Import(new StringReader(csv), "csv");
        Assert.Equal([IndicatorType.IpAddress, IndicatorType.Domain, IndicatorType.Url, IndicatorType.FileHash], result.Indicators.Select(i => i.Type));
        Assert.Equal("bad.example", result.Indicators[1].Value);
        Assert.Equal(2, result.Skipped.Count);
    }

    [Fact]
    public void A_tenants_view_keeps_the_lists_it_was_taken_with_and_its_own_lists_win()
    {
        var store = new ThreatIntelStore();
        var tenant = Guid.NewGuid();
        var before = store.For(tenant);
        store.Load(null, "mssp", [new ThreatIndicator(IndicatorType.IpAddress, "198.51.100.66", "mssp") { Confidence = 40 }]);
        store.Load(tenant, "own", [new ThreatIndicator(IndicatorType.IpAddress, "198.51.100.66", "own") { Confidence = 90 }]);

        Assert.False(before.TryMatch(IndicatorType.IpAddress, "198.51.100.66", T0, out _)); // taken before the lists were loaded
        Assert.True(store.For(tenant).TryMatch(IndicatorType.IpAddress, "198.51.100.66", T0, out var own));
        Assert.Equal("own", own.Source);
        Assert.True(store.For(Guid.NewGuid()).TryMatch(IndicatorType.IpAddress, "198.51.100.66", T0, out var shared));
        Assert.Equal("mssp", shared.Source);
        Assert.False(store.For(tenant).TryMatch(IndicatorType.IpAddress, null, T0, out _));
    }

    [Fact]
    public void Indicators_match_until_they_expire()
    {
        var store = new ThreatIntelStore();
        store.Load(null, "feed", StixBundleImporter.Import(Bundle, "feed").Indicators);
        var engine = new DetectionEngine(BuiltInRules.All, new DetectionEngineOptions { Intel = store });
        var tenant = Guid.NewGuid();
        var detection = Assert.Single(engine.Evaluate(tenant, [Connection(T0, "10.0.0.8", "198.51.100.66", 443)]));
        Assert.Equal(BuiltInRuleIds.KnownBadIndicator, detection.RuleId);
        Assert.Equal(85, detection.IntelConfidence);
        Assert.Equal("198.51.100.66|10.0.0.8", detection.GroupKey);
        Assert.Single(engine.Evaluate(tenant, [DnsQuery(T0, "10.0.0.8", "evil.example")]));
        Assert.Empty(engine.Evaluate(tenant, [Connection(T0.AddMonths(6), "10.0.0.8", "198.51.100.66", 443)]));
    }

    [Fact]
    public void Tenant_lists_apply_to_their_tenant_only_and_mssp_lists_to_all()
    {
        var store = new ThreatIntelStore();
        var (bank, shop) = (Guid.NewGuid(), Guid.NewGuid());
        store.Load(bank, "bank-own", [new ThreatIndicator(IndicatorType.IpAddress, "203.0.113.1", "bank-own") { TenantId = bank }]);
        store.Load(null, "mssp", [new ThreatIndicator(IndicatorType.IpAddress, "203.0.113.2", "mssp")]);
        Assert.True(store.TryMatch(bank, IndicatorType.IpAddress, "203.0.113.1", T0, out _));
        Assert.False(store.TryMatch(shop, IndicatorType.IpAddress, "203.0.113.1", T0, out _));
        Assert.True(store.TryMatch(shop, IndicatorType.IpAddress, "203.0.113.2", T0, out _));
        store.Load(null, "mssp", []);
        Assert.False(store.TryMatch(shop, IndicatorType.IpAddress, "203.0.113.2", T0, out _));
    }
}
