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
        alert.Resolve(AlertDisposition.TruePositive, "blocked", "u2", T0.AddMinutes(90));
        alert.Rescore(75, "75 = ...", T0.AddMinutes(91), "asset criticality changed");

        Assert.Equal(6, alert.History.Count);
        Assert.Equal(T0.AddMinutes(4), alert.AcknowledgedAt);
        Assert.Equal(T0.AddMinutes(90), alert.ResolvedAt);
        var disposition = alert.History[3];
        Assert.Equal(("u2", "Disposition", null, "TruePositive", "blocked"), (disposition.UserId, disposition.Field, disposition.From, disposition.To, disposition.Reason));
        var resolved = alert.History[4];
        Assert.Equal(("u2", "Status", "Acknowledged", "Resolved", "blocked"), (resolved.UserId, resolved.Field, resolved.From, resolved.To, resolved.Reason));
        Assert.Equal(("RiskScore", "60", "75"), (alert.History[5].Field, alert.History[5].From, alert.History[5].To));
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

        alert.Resolve(AlertDisposition.FalsePositive, "scanner", "u", T0.AddMinutes(30));
        alert.ChangeStatus(AlertStatus.InProgress, "u", T0.AddMinutes(40), "reopened");

        Assert.Equal(T0.AddMinutes(30), alert.AcknowledgedAt);
        Assert.Null(alert.ResolvedAt);
    }

    [Fact]
    public void A_status_change_writes_one_history_row_with_from_to_by_and_at()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);

        alert.ChangeStatus(AlertStatus.InProgress, "analyst", T0.AddMinutes(7), "looking");

        Assert.Equal(2, alert.History.Count);
        var row = alert.History[1];
        Assert.Equal(("Status", "New", "InProgress", "analyst", T0.AddMinutes(7), "looking"), (row.Field, row.From, row.To, row.UserId, row.At, row.Reason));
        Assert.Equal(alert.TenantId, row.TenantId);
    }

    [Fact]
    public void An_alert_cannot_go_back_to_new_and_the_refusal_writes_nothing()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);
        alert.Acknowledge("u", T0.AddMinutes(1));

        Assert.Throws<InvalidOperationException>(() => alert.ChangeStatus(AlertStatus.New, "u", T0.AddMinutes(2), null));
        Assert.Throws<ArgumentOutOfRangeException>(() => alert.ChangeStatus((AlertStatus)42, "u", T0.AddMinutes(2), null));

        Assert.Equal(AlertStatus.Acknowledged, alert.Status);
        Assert.Equal(2, alert.History.Count);
    }

    [Fact]
    public void Raising_takes_what_detection_knows_without_extra_history()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.High, 50, T0.AddMinutes(5), new AlertFacts
        {
            DedupKey = "r1|10.0.0.1", SourceIp = "10.0.0.1", EventCount = 7, FirstSeen = T0, LastSeen = T0.AddMinutes(4), SuppressedCount = 1,
        });

        Assert.Equal(("r1|10.0.0.1", "10.0.0.1", 7, 1), (alert.DedupKey, alert.SourceIp, alert.EventCount, alert.SuppressedCount));
        Assert.Equal((T0, T0.AddMinutes(4), T0.AddMinutes(5)), (alert.FirstSeen, alert.LastSeen, alert.DetectedAt));
        Assert.Single(alert.History);
    }

    [Fact]
    public void Linking_to_an_incident_is_on_the_history_and_once_only()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);

        alert.LinkToIncident(12, "u", T0.AddMinutes(3));
        alert.LinkToIncident(12, "u", T0.AddMinutes(4));

        Assert.Equal(12, alert.IncidentId);
        Assert.Equal(2, alert.History.Count);
        Assert.Equal(("IncidentId", null, "12"), (alert.History[1].Field, alert.History[1].From, alert.History[1].To));
    }

    [Fact]
    public void A_rescore_in_context_keeps_asset_and_intel_and_folding_counts_the_suppressed()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Low, 10, T0);

        alert.Rescore(40, "40 = ...", T0.AddMinutes(1), "context", "[]", assetId: 3, intelConfidence: 80);
        alert.Fold(5, T0.AddMinutes(9), T0.AddMinutes(10));

        Assert.Equal((40, 3L, 80), (alert.RiskScore, alert.AssetId!.Value, alert.IntelConfidence!.Value));
        Assert.Equal((6, 1, T0.AddMinutes(9)), (alert.EventCount, alert.SuppressedCount, alert.LastSeen));
        Assert.Equal(["Status", "RiskScore", "EventCount"], alert.History.Select(h => h.Field));
    }
}
