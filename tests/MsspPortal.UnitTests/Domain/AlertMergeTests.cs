using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class AlertMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    // Saved alerts have ids; the merge's history names them.
    private static Alert Saved(long id, int risk, DateTimeOffset firstSeen, DateTimeOffset lastSeen, int events, Guid? tenant = null)
    {
        var alert = Alert.Raise(tenant ?? Tenant, "r1", "Brute force " + id, AlertSeverity.High, risk, lastSeen,
            new AlertFacts { FirstSeen = firstSeen, LastSeen = lastSeen, EventCount = events });
        typeof(Alert).GetProperty(nameof(Alert.Id))!.SetValue(alert, id);
        return alert;
    }

    [Fact]
    public void The_duplicate_is_resolved_without_a_verdict_and_points_at_the_survivor_which_takes_its_events_and_time_span()
    {
        var survivor = Saved(10, 80, T0.AddMinutes(5), T0.AddMinutes(20), events: 4);
        var duplicate = Saved(11, 95, T0, T0.AddMinutes(30), events: 6);

        duplicate.MergeInto(survivor, "analyst", T0.AddHours(1));

        Assert.Equal((10L, AlertStatus.Resolved, T0.AddHours(1)), (duplicate.MergedIntoId!.Value, duplicate.Status, duplicate.ResolvedAt!.Value));
        Assert.Null(duplicate.Disposition);
        Assert.DoesNotContain(duplicate.History, h => h.Field == nameof(Alert.Disposition));
        var pointer = duplicate.History.Single(h => h.Field == nameof(Alert.MergedIntoId));
        Assert.Equal(("analyst", null, "10", "Merged into #10"), (pointer.UserId, pointer.From, pointer.To, pointer.Reason));
        Assert.Equal("Merged into #10", duplicate.History.Single(h => h.Field == "Status" && h.To == "Resolved").Reason);

        Assert.Equal((10, T0, T0.AddMinutes(30)), (survivor.EventCount, survivor.FirstSeen, survivor.LastSeen));
        Assert.Equal(AlertStatus.New, survivor.Status);
        // The survivor keeps its own score; the duplicate's higher one is on the record.
        Assert.Equal(80, survivor.RiskScore);
        var absorbed = survivor.History.Single(h => h.Field == "Absorbed");
        Assert.Equal(("analyst", "#11", T0.AddHours(1)), (absorbed.UserId, absorbed.To, absorbed.At));
        Assert.Contains("risk 95", absorbed.Reason, StringComparison.Ordinal);
        var events = survivor.History.Single(h => h.Field == nameof(Alert.EventCount));
        Assert.Equal(("4", "10", "Absorbed #11"), (events.From, events.To, events.Reason));
    }

    [Fact]
    public void A_survivor_keeps_its_own_span_when_the_duplicate_lies_inside_it()
    {
        var survivor = Saved(10, 50, T0, T0.AddHours(2), events: 1);
        var duplicate = Saved(11, 40, T0.AddMinutes(30), T0.AddMinutes(40), events: 1);

        duplicate.MergeInto(survivor, "analyst", T0.AddHours(3));

        Assert.Equal((2, T0, T0.AddHours(2)), (survivor.EventCount, survivor.FirstSeen, survivor.LastSeen));
    }

    [Fact]
    public void Another_tenants_alert_itself_a_resolved_alert_or_a_merged_one_are_refused_and_nothing_changes()
    {
        var survivor = Saved(10, 50, T0, T0, events: 1);
        var foreign = Saved(20, 50, T0, T0, events: 1, tenant: Guid.NewGuid());
        var resolved = Saved(30, 50, T0, T0, events: 1);
        resolved.Resolve(AlertDisposition.TruePositive, "blocked", "u", T0.AddMinutes(1));
        var duplicate = Saved(11, 50, T0, T0, events: 1);

        Assert.Throws<InvalidOperationException>(() => foreign.MergeInto(survivor, "u", T0.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => duplicate.MergeInto(foreign, "u", T0.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => duplicate.MergeInto(duplicate, "u", T0.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => duplicate.MergeInto(resolved, "u", T0.AddMinutes(2)));
        // A resolved duplicate keeps its verdict: it is reopened before it can be folded.
        Assert.Throws<InvalidOperationException>(() => resolved.MergeInto(survivor, "u", T0.AddMinutes(2)));
        Assert.Equal((1, 1, 1), (survivor.History.Count, duplicate.History.Count, foreign.History.Count));
        Assert.Null(duplicate.MergedIntoId);

        duplicate.MergeInto(survivor, "u", T0.AddMinutes(3));
        var other = Saved(12, 50, T0, T0, events: 1);

        Assert.Throws<InvalidOperationException>(() => duplicate.MergeInto(other, "u", T0.AddMinutes(4)));
        // Nor into a duplicate: the survivor is the one to merge into.
        Assert.Throws<InvalidOperationException>(() => other.MergeInto(duplicate, "u", T0.AddMinutes(4)));
    }

    [Fact]
    public void A_merged_duplicate_cannot_be_reopened_or_judged_on_its_own()
    {
        var survivor = Saved(10, 50, T0, T0, events: 1);
        var duplicate = Saved(11, 50, T0, T0, events: 1);
        duplicate.MergeInto(survivor, "u", T0.AddMinutes(1));

        Assert.Throws<InvalidOperationException>(() => duplicate.ChangeStatus(AlertStatus.InProgress, "u", T0.AddMinutes(2), null));
        Assert.Throws<InvalidOperationException>(() => duplicate.Resolve(AlertDisposition.FalsePositive, "noise", "u", T0.AddMinutes(2)));
        Assert.Throws<InvalidOperationException>(() => duplicate.Escalate("u", T0.AddMinutes(2), null));
        Assert.Equal((AlertStatus.Resolved, (AlertDisposition?)null), (duplicate.Status, duplicate.Disposition));
    }
}
