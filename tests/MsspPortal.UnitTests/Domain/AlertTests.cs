using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class AlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_raised_alert_starts_new_with_one_history_row()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "Brute force", AlertSeverity.High, 130, T0);

        Assert.Equal(AlertStatus.New, alert.Status);
        Assert.Equal(100, alert.RiskScore);
        var row = Assert.Single(alert.History);
        Assert.Equal(("Status", null, "New"), (row.Field, row.From, row.To));
        Assert.Equal(alert.TenantId, row.TenantId);
    }

    [Fact]
    public void Every_change_appends_history_with_who_when_from_and_to()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "Brute force", AlertSeverity.High, 60, T0);

        alert.Acknowledge("u1", T0.AddMinutes(4));
        alert.Assign("u2", "u1", T0.AddMinutes(5));
        alert.ChangeStatus(AlertStatus.Resolved, "u2", T0.AddMinutes(90), "blocked");
        alert.Rescore(75, "75 = ...", T0.AddMinutes(91), "asset criticality changed");

        Assert.Equal(5, alert.History.Count);
        Assert.Equal(T0.AddMinutes(4), alert.AcknowledgedAt);
        Assert.Equal(T0.AddMinutes(90), alert.ResolvedAt);
        var resolved = alert.History[3];
        Assert.Equal(("u2", "Status", "Acknowledged", "Resolved", "blocked"), (resolved.UserId, resolved.Field, resolved.From, resolved.To, resolved.Reason));
        Assert.Equal(("RiskScore", "60", "75"), (alert.History[4].Field, alert.History[4].From, alert.History[4].To));
    }

    [Fact]
    public void A_change_to_the_same_value_writes_nothing()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);

        alert.ChangeStatus(AlertStatus.New, "u", T0, null);
        alert.Assign(null, "u", T0);
        alert.Rescore(10, null, T0, "same");

        Assert.Single(alert.History);
    }

    [Fact]
    public void Leaving_new_without_acknowledging_counts_as_acknowledgement_and_reopening_clears_resolution()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);

        alert.ChangeStatus(AlertStatus.FalsePositive, "u", T0.AddMinutes(30), "scanner");
        alert.ChangeStatus(AlertStatus.InProgress, "u", T0.AddMinutes(40), "reopened");

        Assert.Equal(T0.AddMinutes(30), alert.AcknowledgedAt);
        Assert.Null(alert.ResolvedAt);
    }
}
