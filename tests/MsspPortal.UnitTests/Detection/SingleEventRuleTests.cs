using MsspPortal.Core.Detection;
using MsspPortal.Core.Events;

namespace MsspPortal.UnitTests.Detection;

public sealed class SingleEventRuleTests
{
    private static bool Fires(RuleCondition condition, NormalizedEvent e)
    {
        var engine = new DetectionEngine([new MatchRule { Id = "r", Title = "r", Filter = condition }]);
        return engine.Evaluate(Guid.NewGuid(), [e]).Count == 1;
    }

    private static NormalizedEvent Sample() => new()
    {
        Timestamp = Events.T0,
        EventCategory = "web",
        Url = "/wp-admin/Install.php?step=2",
        SourceIp = "203.0.113.7",
        UserName = "Alice",
    };

    [Theory]
    [InlineData(MatchOperator.Equals, "alice", true)]
    [InlineData(MatchOperator.Equals, "alic", false)]
    [InlineData(MatchOperator.StartsWith, "ALI", true)]
    [InlineData(MatchOperator.EndsWith, "CE", true)]
    [InlineData(MatchOperator.Contains, "lic", true)]
    [InlineData(MatchOperator.Contains, "bob", false)]
    [InlineData(MatchOperator.Regex, "^a.i", true)]
    public void Text_operators_compare_case_insensitively(MatchOperator op, string value, bool expected) =>
        Assert.Equal(expected, Fires(new FieldMatch("user.name", op, [value]), Sample()));

    [Fact]
    public void Case_sensitive_match_is_possible_when_asked_for() =>
        Assert.False(Fires(new FieldMatch("user.name", MatchOperator.Equals, ["alice"]) { CaseSensitive = true }, Sample()));

    [Theory]
    [InlineData("203.0.113.0/24", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("::ffff:203.0.113.0/120", false)]
    public void Cidr_matches_addresses_inside_the_range(string range, bool expected) =>
        Assert.Equal(expected, Fires(RuleCondition.InCidr("source.ip", range), Sample()));

    [Fact]
    public void In_list_matches_any_value_even_in_a_long_list() =>
        Assert.True(Fires(RuleCondition.InList("user.name", ["a", "b", "c", "d", "e", "f", "g", "ALICE"]), Sample()));

    [Fact]
    public void And_or_not_combine_as_expected()
    {
        var condition = RuleCondition.And(
            RuleCondition.Is("event.category", "web"),
            RuleCondition.Or(RuleCondition.Contains("url.original", "wp-login"), RuleCondition.Contains("url.original", "wp-admin")),
            RuleCondition.Negate(RuleCondition.InCidr("source.ip", "10.0.0.0/8")));
        Assert.True(Fires(condition, Sample()));
        Assert.False(Fires(RuleCondition.Negate(condition), Sample()));
    }

    [Fact]
    public void A_missing_field_never_matches_a_value_test() =>
        Assert.False(Fires(RuleCondition.Contains("host.name", ""), Sample()));

    [Fact]
    public void Fields_outside_the_typed_properties_are_found_by_name()
    {
        var e = Sample();
        e.Fields["http.request.method"] = "POST";
        Assert.True(Fires(RuleCondition.Is("http.request.method", "post"), e));
    }

    [Fact]
    public void A_detection_carries_rule_identity_entities_and_event_time()
    {
        var rule = new MatchRule
        {
            Id = "r1", Title = "Admin page", Severity = DetectionSeverity.High, BaseRisk = 42, Techniques = ["T1190"],
            Filter = RuleCondition.Contains("url.original", "wp-admin"),
        };
        var tenant = Guid.NewGuid();
        var detection = Assert.Single(new DetectionEngine([rule]).Evaluate(tenant, [Sample()]));
        Assert.Equal(("r1", "Admin page", DetectionSeverity.High, 42), (detection.RuleId, detection.RuleTitle, detection.Severity, detection.BaseRisk));
        Assert.Equal(["T1190"], detection.Techniques);
        Assert.Equal(new DetectionEntities("203.0.113.7", "Alice", null, null), detection.Entities);
        Assert.Equal("203.0.113.7|Alice|-", detection.GroupKey);
        Assert.Equal(Events.T0, detection.EventTime);
        Assert.Equal(tenant, detection.TenantId);
    }

    [Fact]
    public void Ids_pass_through_keeps_the_device_severity()
    {
        var detection = Assert.Single(new DetectionEngine(Core.Detection.BuiltIn.BuiltInRules.All)
            .Evaluate(Guid.NewGuid(), [Events.IdsAlert(Events.T0, "198.51.100.9", "10.0.0.5", "ET EXPLOIT Log4j", 9)]));
        Assert.Equal(DetectionSeverity.Critical, detection.Severity);
        Assert.Equal(90, detection.BaseRisk);
        Assert.Equal("ET EXPLOIT Log4j", detection.Detail);
    }
}
