using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class AlertTriageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static Alert Raise(AlertSeverity severity = AlertSeverity.High, SlaTerms? sla = null) =>
        Alert.Raise(Guid.NewGuid(), "r1", "Brute force", severity, 60, T0, new AlertFacts { Sla = sla });

    [Fact]
    public void Resolving_needs_a_disposition_and_a_reason_and_a_plain_status_change_cannot_resolve()
    {
        var alert = Raise();

        Assert.Throws<InvalidOperationException>(() => alert.ChangeStatus(AlertStatus.Resolved, "u", T0.AddMinutes(5), "done"));
        Assert.Throws<ArgumentException>(() => alert.Resolve(AlertDisposition.FalsePositive, " ", "u", T0.AddMinutes(5)));
        alert.Resolve(AlertDisposition.FalsePositive, "Scanner of the customer's own IT", "u", T0.AddMinutes(5));

        Assert.Equal((AlertStatus.Resolved, AlertDisposition.FalsePositive, "Scanner of the customer's own IT"), (alert.Status, alert.Disposition, alert.DispositionReason));
        Assert.False(alert.IsOpen);
    }

    [Fact]
    public void Reopening_clears_the_disposition_on_the_record()
    {
        var alert = Raise();
        alert.Resolve(AlertDisposition.TruePositive, "blocked", "u", T0.AddMinutes(5));

        alert.ChangeStatus(AlertStatus.InProgress, "u", T0.AddMinutes(9), "same attacker is back");

        Assert.Null(alert.Disposition);
        Assert.Null(alert.ResolvedAt);
        var cleared = alert.History.Single(h => h.Field == "Disposition" && h.To is null);
        Assert.Equal(("TruePositive", "same attacker is back"), (cleared.From, cleared.Reason));
    }

    [Fact]
    public void The_sla_clock_starts_at_detection_with_the_contract_terms()
    {
        var alert = Raise(sla: new SlaTerms(15, 240));

        Assert.Equal(T0.AddMinutes(15), alert.AcknowledgeDueAt);
        Assert.Equal(T0.AddMinutes(240), alert.ResolveDueAt);
        Assert.Null(Raise().ResolveDueAt);
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_clock_and_moves_both_deadlines_by_the_pause()
    {
        var alert = Raise(sla: new SlaTerms(15, 240));
        alert.ChangeStatus(AlertStatus.WaitingOnCustomer, "u", T0.AddMinutes(10), "Is 10.1.2.3 your pen tester?");
        Assert.Equal(T0.AddMinutes(10), alert.ClockPausedAt);
        // While paused the time left stands still, whatever the hour.
        Assert.Equal(TimeSpan.FromMinutes(230), SlaClock.Left(alert.ResolveDueAt, T0.AddHours(30), alert.ClockPausedAt));

        alert.ChangeStatus(AlertStatus.InProgress, "u", T0.AddMinutes(10 + 600), "Customer: no, it is not");

        Assert.Null(alert.ClockPausedAt);
        Assert.Equal(T0.AddMinutes(240 + 600), alert.ResolveDueAt);
        Assert.Equal(T0.AddMinutes(15 + 600), alert.AcknowledgeDueAt);
        Assert.Equal(TimeSpan.FromMinutes(230), SlaClock.Left(alert.ResolveDueAt, T0.AddMinutes(610), null));
    }

    [Fact]
    public void Resolving_straight_from_waiting_ends_the_pause_before_judging_the_deadline()
    {
        var alert = Raise(sla: new SlaTerms(15, 60));
        alert.ChangeStatus(AlertStatus.WaitingOnCustomer, "u", T0.AddMinutes(20), "question");

        alert.Resolve(AlertDisposition.BenignTruePositive, "Customer's admin, approved change", "u", T0.AddMinutes(20 + 300));

        // 300 minutes of waiting do not count: resolved 20 minutes into a 60-minute target.
        Assert.Equal(T0.AddMinutes(360), alert.ResolveDueAt);
        Assert.True(SlaClock.Met(alert.ResolveDueAt, alert.ResolvedAt, T0.AddDays(2), alert.ClockPausedAt));
    }

    [Fact]
    public void Deadlines_compare_as_instants_whatever_offset_the_times_carry()
    {
        var tokyo = new DateTimeOffset(2026, 11, 1, 17, 0, 0, TimeSpan.FromHours(9));
        var alert = Alert.Raise(Guid.NewGuid(), "r1", "t", AlertSeverity.Critical, 90, tokyo, new AlertFacts { Sla = new SlaTerms(15, 120) });
        var newYorkNow = new DateTimeOffset(2026, 11, 1, 3, 10, 0, TimeSpan.FromHours(-5));

        Assert.Equal(T0.AddMinutes(15), alert.AcknowledgeDueAt);
        Assert.Equal(TimeSpan.FromMinutes(5), SlaClock.Left(alert.AcknowledgeDueAt, newYorkNow, null));
        Assert.False(SlaClock.Met(alert.AcknowledgeDueAt, null, newYorkNow.AddMinutes(6), null));
    }

    [Fact]
    public void Escalating_a_critical_alert_is_an_emergency_and_a_high_one_is_not()
    {
        var critical = Raise(AlertSeverity.Critical);
        var high = Raise(AlertSeverity.High);

        Assert.True(critical.Escalate("u", T0.AddMinutes(3), "ransomware note on the file server"));
        Assert.False(high.Escalate("u", T0.AddMinutes(3), "needs tier 2"));
        critical.NoteEmergency(null, T0.AddMinutes(3), "Joint committee notified");

        Assert.Equal(AlertStatus.Escalated, critical.Status);
        Assert.Equal(T0.AddMinutes(3), critical.AcknowledgedAt);
        Assert.Contains(critical.History, h => h.Field == "Emergency" && h.To == "Announced");
    }
}
