using MsspPortal.Core.Detection;

namespace MsspPortal.UnitTests.Detection;

public sealed class DeduplicationTests
{
    private static DetectionResult Detection(string rule, string key, double minutes, int count = 1) => new()
    {
        TenantId = Guid.Empty, RuleId = rule, RuleTitle = rule, Severity = DetectionSeverity.Medium, BaseRisk = 50, Techniques = [],
        Entities = new DetectionEntities(key, null, null), GroupKey = key,
        EventTime = Events.T0.AddMinutes(minutes), FirstEventTime = Events.T0.AddMinutes(minutes), EventCount = count,
        DedupWindow = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void Same_rule_and_entity_within_the_window_is_one_alert()
    {
        var drafts = AlertDeduplication.Collapse([Detection("r", "1.2.3.4", 0, 5), Detection("r", "1.2.3.4", 4), Detection("r", "1.2.3.4", 12)]);
        var draft = Assert.Single(drafts);
        Assert.Equal("r|1.2.3.4", draft.AlertKey);
        Assert.Equal(7, draft.EventCount);
        Assert.Equal(Events.T0, draft.FirstSeen);
        Assert.Equal(Events.T0.AddMinutes(12), draft.LastSeen);
    }

    [Fact]
    public void A_gap_longer_than_the_window_starts_a_new_alert() =>
        Assert.Equal(2, AlertDeduplication.Collapse([Detection("r", "1.2.3.4", 0), Detection("r", "1.2.3.4", 30)]).Count);

    [Fact]
    public void Other_rules_or_entities_are_other_alerts() =>
        Assert.Equal(3, AlertDeduplication.Collapse([Detection("r", "a", 0), Detection("r", "b", 0), Detection("s", "a", 0)]).Count);

    [Fact]
    public void An_open_alert_is_extended_only_within_the_window()
    {
        Assert.True(AlertDeduplication.Extends(Detection("r", "a", 9), Events.T0));
        Assert.False(AlertDeduplication.Extends(Detection("r", "a", 11), Events.T0));
    }
}
