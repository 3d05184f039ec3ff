using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;
using static MsspPortal.UnitTests.Detection.Events;

namespace MsspPortal.UnitTests.Detection;

public sealed class WindowedRuleTests
{
    private static readonly RuleCondition Failed = RuleCondition.And(RuleCondition.Is("event.category", "authentication"), RuleCondition.Is("event.outcome", "failure"));

    private static ThresholdRule FiveFailuresPerUser() => new()
    {
        Id = "bf", Title = "bf", Filter = Failed, GroupBy = ["user.name"], Count = 5, Window = TimeSpan.FromMinutes(5),
    };

    private static IEnumerable<NormalizedEvent> Failures(string user, int count, TimeSpan spacing, DateTimeOffset? start = null) =>
        Enumerable.Range(0, count).Select(i => Logon((start ?? T0) + (spacing * i), user, "203.0.113.7", success: false));

    // Ingestion evaluates a chunk under one hold of the tenant's lock: the same detections, in the same order, as one
    // event at a time, each with the index of the event that completed it.
    [Fact]
    public void A_chunk_evaluated_at_once_gives_what_event_by_event_gives_with_each_detections_event()
    {
        var tenant = Guid.NewGuid();
        var events = Failures("bob", 7, TimeSpan.FromSeconds(10))
            .Concat(Failures("eve", 3, TimeSpan.FromSeconds(5), T0.AddMinutes(1)))
            .Concat(Failures("bob", 2, TimeSpan.FromSeconds(1), T0.AddMinutes(2)))
            .OrderBy(e => e.Timestamp).ToList();
        var oneByOne = new DetectionEngine([FiveFailuresPerUser()]);
        var expected = new List<(string Key, int EventCount, int Index)>();
        for (var i = 0; i < events.Count; i++)
        {
            var output = new List<DetectionResult>();
            oneByOne.Evaluate(tenant, events[i], output);
            expected.AddRange(output.Select(d => (d.GroupKey, d.EventCount, i)));
        }

        var detections = new List<DetectionResult>();
        var triggeredBy = new List<int>();
        new DetectionEngine([FiveFailuresPerUser()]).Evaluate(tenant, events.Select(e => (Event: e, Tag: 0)).ToList(), static x => x.Event, detections, triggeredBy);

        Assert.Equal(5, expected.Count); // bob's 5th to 7th failures and his two later ones (still within five minutes); eve has three
        Assert.Equal(expected, detections.Select((d, n) => (d.GroupKey, d.EventCount, triggeredBy[n])));
    }

    [Fact]
    public void Threshold_fires_when_the_count_is_reached_within_the_window()
    {
        var detections = new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), Failures("bob", 5, TimeSpan.FromSeconds(10)));
        var detection = Assert.Single(detections);
        Assert.Equal(5, detection.EventCount);
        Assert.Equal("bob", detection.GroupKey);
        Assert.Equal(T0, detection.FirstEventTime);
    }

    [Fact]
    public void Threshold_does_not_fire_when_the_events_are_spread_beyond_the_window() =>
        Assert.Empty(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), Failures("bob", 10, TimeSpan.FromMinutes(2))));

    [Fact]
    public void Threshold_counts_each_group_separately() =>
        Assert.Empty(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), Failures("bob", 3, TimeSpan.FromSeconds(1)).Concat(Failures("eve", 3, TimeSpan.FromSeconds(1)))));

    [Fact]
    public void Threshold_keeps_reporting_one_event_at_a_time_after_it_fired()
    {
        var detections = new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), Failures("bob", 8, TimeSpan.FromSeconds(1)));
        Assert.Equal([5, 1, 1, 1], detections.Select(d => d.EventCount));
        Assert.Equal(8, Assert.Single(AlertDeduplication.Collapse(detections)).EventCount);
    }

    [Fact]
    public void Threshold_does_not_count_a_late_batch_of_the_same_hours_as_a_burst()
    {
        // One device's day, then another device's day over the same hours (batches arrive per source): hourly events.
        var firstSource = Failures("bob", 5, TimeSpan.FromHours(1));
        var secondSource = Failures("bob", 5, TimeSpan.FromHours(1), T0.AddSeconds(30));

        Assert.Empty(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), firstSource.Concat(secondSource)));
    }

    [Fact]
    public void Threshold_fires_on_a_burst_that_arrives_late()
    {
        var laterTraffic = Failures("bob", 3, TimeSpan.FromHours(1), T0.AddHours(5));
        var burst = Failures("bob", 5, TimeSpan.FromSeconds(2), T0.AddHours(1));

        var detection = Assert.Single(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), laterTraffic.Concat(burst)));
        Assert.Equal(5, detection.EventCount);
        Assert.Equal(T0.AddHours(1), detection.FirstEventTime);
    }

    [Fact]
    public void Events_without_the_group_field_are_not_counted()
    {
        var anonymous = Failures("bob", 6, TimeSpan.FromSeconds(1)).Select(e =>
        {
            e.UserName = null;
            return e;
        });
        Assert.Empty(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(Guid.NewGuid(), anonymous));
    }

    [Fact]
    public void Windows_are_kept_per_tenant()
    {
        var engine = new DetectionEngine([FiveFailuresPerUser()]);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var events = Failures("bob", 5, TimeSpan.FromSeconds(1)).ToList();
        var output = new List<DetectionResult>();
        for (var i = 0; i < events.Count; i++)
        {
            engine.Evaluate(i % 2 == 0 ? a : b, events[i], output);
        }
        Assert.Empty(output);
    }

    [Fact]
    public void Distinct_count_fires_on_many_distinct_values_but_not_on_repeats()
    {
        var rule = new DistinctCountRule
        {
            Id = "scan", Title = "scan", Filter = RuleCondition.Is("event.category", "network"), GroupBy = ["source.ip"],
            DistinctField = "destination.port", Count = 10, Window = TimeSpan.FromMinutes(1),
        };
        var engine = new DetectionEngine([rule]);
        var repeats = Enumerable.Range(0, 50).Select(i => Connection(T0.AddSeconds(i), "198.51.100.1", "10.0.0.5", 443));
        Assert.Empty(engine.Evaluate(Guid.NewGuid(), repeats));
        var scan = Enumerable.Range(0, 10).Select(i => Connection(T0.AddSeconds(i), "198.51.100.2", "10.0.0.5", 1000 + i));
        var detection = Assert.Single(engine.Evaluate(Guid.NewGuid(), scan));
        Assert.Equal("198.51.100.2", detection.GroupKey);
        Assert.Equal(10, detection.EventCount);
    }

    [Fact]
    public void Distinct_count_forgets_values_older_than_the_window()
    {
        var rule = new DistinctCountRule
        {
            Id = "scan", Title = "scan", GroupBy = ["source.ip"], DistinctField = "destination.port", Count = 5, Window = TimeSpan.FromMinutes(1),
        };
        var slow = Enumerable.Range(0, 20).Select(i => Connection(T0.AddSeconds(20 * i), "198.51.100.2", "10.0.0.5", 1000 + i));
        Assert.Empty(new DetectionEngine([rule]).Evaluate(Guid.NewGuid(), slow));
    }

    [Fact]
    public void Sequence_fires_when_failures_are_followed_by_a_success_for_the_same_user()
    {
        var rule = new SequenceRule
        {
            Id = "seq", Title = "seq", Filter = Failed, Then = RuleCondition.Is("event.outcome", "success"), FirstCount = 3,
            GroupBy = ["user.name"], Window = TimeSpan.FromMinutes(10),
        };
        var engine = new DetectionEngine([rule]);
        var attack = Failures("bob", 3, TimeSpan.FromSeconds(5)).Append(Logon(T0.AddMinutes(1), "bob", "203.0.113.7", success: true));
        var detection = Assert.Single(engine.Evaluate(Guid.NewGuid(), attack));
        Assert.Equal(4, detection.EventCount);

        var otherUser = Failures("bob", 3, TimeSpan.FromSeconds(5)).Append(Logon(T0.AddMinutes(1), "eve", "203.0.113.7", success: true));
        Assert.Empty(engine.Evaluate(Guid.NewGuid(), otherUser));
        var tooLate = Failures("bob", 3, TimeSpan.FromSeconds(5)).Append(Logon(T0.AddMinutes(30), "bob", "203.0.113.7", success: true));
        Assert.Empty(engine.Evaluate(Guid.NewGuid(), tooLate));
        var tooFew = Failures("bob", 2, TimeSpan.FromSeconds(5)).Append(Logon(T0.AddMinutes(1), "bob", "203.0.113.7", success: true));
        Assert.Empty(engine.Evaluate(Guid.NewGuid(), tooFew));
    }

    [Fact]
    public void Expired_windows_are_evicted_so_state_stays_bounded()
    {
        var engine = new DetectionEngine([FiveFailuresPerUser()]);
        var tenant = Guid.NewGuid();
        engine.Evaluate(tenant, Enumerable.Range(0, 1000).Select(i => Logon(T0.AddMilliseconds(i), "user" + i, "203.0.113.7", success: false)));
        Assert.Equal(1000, engine.OpenWindows);
        engine.Evaluate(tenant, [Logon(T0.AddHours(1), "late", "203.0.113.7", success: false)]);
        Assert.Equal(1, engine.OpenWindows);
    }

    [Fact]
    public void New_groups_beyond_the_cap_are_dropped_and_counted()
    {
        var engine = new DetectionEngine([FiveFailuresPerUser()], new DetectionEngineOptions { MaxGroupsPerRule = 100 });
        engine.Evaluate(Guid.NewGuid(), Enumerable.Range(0, 150).Select(i => Logon(T0.AddMilliseconds(i), "user" + i, "203.0.113.7", success: false)));
        Assert.Equal(100, engine.OpenWindows);
        Assert.Equal(50, engine.DroppedGroups);
    }

    [Fact]
    public void A_snapshot_restored_in_a_new_engine_keeps_open_windows()
    {
        var tenant = Guid.NewGuid();
        var before = new DetectionEngine([FiveFailuresPerUser()]);
        Assert.Empty(before.Evaluate(tenant, Failures("bob", 4, TimeSpan.FromSeconds(1))));

        var json = JsonSerializer.Serialize(before.CreateSnapshot(T0));
        var after = new DetectionEngine([FiveFailuresPerUser()]);
        after.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json)!);

        var detection = Assert.Single(after.Evaluate(tenant, [Logon(T0.AddSeconds(4), "bob", "203.0.113.7", success: false)]));
        Assert.Equal(5, detection.EventCount);
        Assert.Empty(new DetectionEngine([FiveFailuresPerUser()]).Evaluate(tenant, [Logon(T0.AddSeconds(4), "bob", "203.0.113.7", success: false)]));
    }

    [Fact]
    public void Tenant_rules_replace_the_defaults_for_that_tenant_only()
    {
        var engine = new DetectionEngine([FiveFailuresPerUser()]);
        var (custom, standard) = (Guid.NewGuid(), Guid.NewGuid());
        engine.SetTenantRules(custom, [FiveFailuresPerUser() with { Count = 2 }]);
        Assert.Single(engine.Evaluate(custom, Failures("bob", 2, TimeSpan.FromSeconds(1))));
        Assert.Empty(engine.Evaluate(standard, Failures("bob", 2, TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void Rules_are_serialisable_as_json()
    {
        DetectionRule rule = FiveFailuresPerUser();
        var json = JsonSerializer.Serialize(rule);
        var back = Assert.IsType<ThresholdRule>(JsonSerializer.Deserialize<DetectionRule>(json));
        Assert.Equal(5, back.Count);
        Assert.Single(new DetectionEngine([back]).Evaluate(Guid.NewGuid(), Failures("bob", 5, TimeSpan.FromSeconds(1))));
    }
}
