using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Scoring;

namespace MsspPortal.UnitTests.Detection;

public sealed class EntityRiskTests
{
    private static readonly DateTimeOffset T0 = Events.T0;
    private static readonly Guid Tenant = Guid.NewGuid();

    private static ScoredAlert Alert(string key, double hours, int risk, string ip = "203.0.113.5", string? user = null) =>
        new(Tenant, key, T0.AddHours(hours), risk, new DetectionEntities(ip, user, null)) { Techniques = ["T1110"] };

    [Fact]
    public void Risk_adding_up_past_the_threshold_raises_one_detection_with_its_contributors()
    {
        var accumulator = new EntityRiskAccumulator(new EntityRiskOptions { Threshold = 100 });
        Assert.Empty(accumulator.Add(Alert("a", 0, 40)));
        Assert.Empty(accumulator.Add(Alert("b", 2, 40)));
        var detection = Assert.Single(accumulator.Add(Alert("c", 5, 30)));
        Assert.Equal(BuiltInRuleIds.EntityRisk, detection.RuleId);
        Assert.Equal(["a", "b", "c"], detection.ContributingAlertKeys);
        Assert.Equal("source.ip:203.0.113.5", detection.GroupKey);
        Assert.Equal(["T1110"], detection.Techniques);
        Assert.Equal(T0, detection.FirstEventTime);
    }

    [Fact]
    public void An_entity_is_raised_once_per_window()
    {
        var accumulator = new EntityRiskAccumulator(new EntityRiskOptions { Threshold = 100 });
        Assert.Single(accumulator.Add(Alert("a", 0, 120)));
        Assert.Empty(accumulator.Add(Alert("b", 1, 120)));
        Assert.Single(accumulator.Add(Alert("c", 25, 120)));
    }

    [Fact]
    public void Risk_older_than_the_window_no_longer_counts()
    {
        var accumulator = new EntityRiskAccumulator(new EntityRiskOptions { Threshold = 100 });
        Assert.Empty(accumulator.Add(Alert("a", 0, 60)));
        Assert.Empty(accumulator.Add(Alert("b", 25, 60)));
    }

    [Fact]
    public void The_same_alert_updated_twice_counts_once()
    {
        var accumulator = new EntityRiskAccumulator(new EntityRiskOptions { Threshold = 100 });
        Assert.Empty(accumulator.Add(Alert("a", 0, 60)));
        Assert.Empty(accumulator.Add(Alert("a", 1, 60)));
    }

    [Fact]
    public void Users_hosts_and_addresses_are_tracked_separately_per_tenant()
    {
        var accumulator = new EntityRiskAccumulator(new EntityRiskOptions { Threshold = 100 });
        Assert.Empty(accumulator.Add(Alert("a", 0, 60, ip: "198.51.100.1", user: "bob")));
        var detection = Assert.Single(accumulator.Add(Alert("b", 1, 60, ip: "198.51.100.2", user: "bob")));
        Assert.Equal("user.name:bob", detection.GroupKey);
        Assert.Empty(accumulator.Add(new ScoredAlert(Guid.NewGuid(), "c", T0, 60, new DetectionEntities(null, "bob", null))));
    }

    [Fact]
    public void Entities_idle_for_a_window_are_forgotten()
    {
        var accumulator = new EntityRiskAccumulator();
        for (var i = 0; i < 100; i++)
        {
            accumulator.Add(Alert("a" + i, 0, 10, ip: "10.0.0." + i));
        }
        accumulator.Add(Alert("late", 30, 10, ip: "10.1.0.1"));
        Assert.Equal(1, accumulator.TrackedEntities);
    }
}
