using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class IncidentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly IncidentImpact Impact = new(3, 45, 1250.50m, "customer finance, invoice 2026-114", "Online banking logons refused");

    private static Incident Open(AlertSeverity severity = AlertSeverity.High, SlaTerms? sla = null) =>
        Saved(Incident.Open(Guid.NewGuid(), "Account takeover", severity, T0, sla, "analyst"));

    [Fact]
    public void Opening_starts_the_sla_clock_with_the_contract_terms_and_writes_history()
    {
        var incident = Open(sla: new SlaTerms(15, 240));

        Assert.Equal((T0.AddMinutes(15), T0.AddMinutes(240)), (incident.AcknowledgeDueAt!.Value, incident.ResolveDueAt!.Value));
        var opened = Assert.Single(incident.History);
        Assert.Equal(("analyst", "Status", null, "Open"), (opened.UserId, opened.Field, opened.From, opened.To));
        Assert.Null(Open().ResolveDueAt);
    }

    [Fact]
    public void Taking_ownership_acknowledges_once_and_records_who_and_from_whom()
    {
        var incident = Open();

        incident.Assign("alex", "alex", T0.AddMinutes(4));
        incident.Assign("sam", "alex", T0.AddMinutes(9));
        incident.Assign("sam", "alex", T0.AddMinutes(10));

        Assert.Equal(T0.AddMinutes(4), incident.AcknowledgedAt);
        var changes = incident.History.Where(h => h.Field == "OwnerId").Select(h => (h.From, h.To, h.At)).ToList();
        Assert.Equal([(null, "alex", T0.AddMinutes(4)), ("alex", "sam", T0.AddMinutes(9))], changes);
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_clock_and_moves_both_deadlines_by_the_pause()
    {
        var incident = Open(sla: new SlaTerms(15, 240));
        incident.WaitOnCustomer("u", T0.AddMinutes(10), "Was 10.1.2.3 your pen tester?");
        Assert.Equal(T0.AddMinutes(10), incident.ClockPausedAt);
        Assert.Equal(TimeSpan.FromMinutes(230), SlaClock.Left(incident.ResolveDueAt, T0.AddHours(30), incident.ClockPausedAt));

        incident.Resume("u", T0.AddMinutes(10 + 600), "Customer: no");

        Assert.Null(incident.ClockPausedAt);
        Assert.Equal(T0.AddMinutes(240 + 600), incident.ResolveDueAt);
        Assert.Equal(T0.AddMinutes(15 + 600), incident.AcknowledgeDueAt);
        Assert.Equal(IncidentStatus.Open, incident.Status);
    }

    [Fact]
    public void A_pause_taken_in_another_time_zone_moves_the_deadline_by_the_true_elapsed_time()
    {
        var incident = Open(sla: new SlaTerms(15, 240));
        var paris = TimeSpan.FromHours(1);

        incident.WaitOnCustomer("u", T0.AddMinutes(10).ToOffset(paris), "question");
        incident.Contain("u", T0.AddMinutes(70).ToOffset(TimeSpan.FromHours(-5)));

        Assert.Equal(T0.AddMinutes(300), incident.ResolveDueAt);
        Assert.Equal(IncidentStatus.Contained, incident.Status);
    }

    [Fact]
    public void Closing_records_the_impact_and_is_judged_against_the_paused_deadline()
    {
        var incident = Open(sla: new SlaTerms(15, 240));
        incident.WaitOnCustomer("u", T0.AddMinutes(60), "question");
        incident.Resume("u", T0.AddMinutes(180), "answered");

        incident.Close(Impact, "u", T0.AddMinutes(350));

        Assert.Equal((IncidentStatus.Closed, 3L, 45, 1250.50m, "customer finance, invoice 2026-114"),
            (incident.Status, incident.BusinessServiceId!.Value, incident.DowntimeMinutes!.Value, incident.ActualLoss!.Value, incident.LossSource));
        // 240 min + 120 min paused = due at 360; closed at 350.
        Assert.True(SlaClock.Met(incident.ResolveDueAt, incident.ClosedAt, T0.AddDays(2), null));
        var impact = incident.History.Single(h => h.Field == "Impact");
        Assert.Equal("service 3, 45 min, loss 1250.5 (customer finance, invoice 2026-114)", impact.To);
    }

    [Fact]
    public void Closing_needs_a_service_and_a_sourced_figure_but_zero_is_a_figure()
    {
        var incident = Open();

        Assert.Throws<ArgumentException>(() => incident.Close(Impact with { LossSource = " " }, "u", T0.AddHours(1)));
        Assert.Throws<ArgumentException>(() => incident.Close(Impact with { BusinessServiceId = 0 }, "u", T0.AddHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => incident.Close(Impact with { DowntimeMinutes = -1 }, "u", T0.AddHours(1)));
        Assert.Equal(IncidentStatus.Open, incident.Status);

        incident.Close(Impact with { DowntimeMinutes = 0, ActualLoss = 0, LossSource = "no transfer completed (triage record)" }, "u", T0.AddHours(1));

        Assert.Equal((0, 0m), (incident.DowntimeMinutes!.Value, incident.ActualLoss!.Value));
    }

    [Fact]
    public void Reopening_needs_a_reason_clears_the_closing_time_and_keeps_the_history()
    {
        var incident = Open();
        incident.Close(Impact, "u", T0.AddHours(1));

        Assert.Throws<ArgumentException>(() => incident.Reopen("u", T0.AddHours(2), ""));
        incident.Reopen("u", T0.AddHours(2), "same attacker is back");

        Assert.Equal((IncidentStatus.Open, (DateTimeOffset?)null), (incident.Status, incident.ClosedAt));
        Assert.Equal(["Open", "Closed", "Open"], incident.History.Where(h => h.Field == "Status").Select(h => h.To));
        Assert.Throws<InvalidOperationException>(() => incident.Reopen("u", T0.AddHours(3), "again"));
    }

    [Fact]
    public void Escalating_a_critical_incident_is_an_emergency_and_a_closed_one_cannot_be_escalated()
    {
        var critical = Open(AlertSeverity.Critical);
        var high = Open(AlertSeverity.High);

        Assert.True(critical.Escalate("u", T0.AddMinutes(1), "bank transfers at risk"));
        Assert.False(high.Escalate("u", T0.AddMinutes(1), null));
        Assert.Equal("Emergency", critical.History.Single(h => h.Field == "Escalation").To);

        high.Close(Impact, "u", T0.AddHours(1));
        Assert.Throws<InvalidOperationException>(() => high.Escalate("u", T0.AddHours(2), null));
    }

    [Fact]
    public void Tasks_are_added_and_completed_once_each_on_the_history()
    {
        var incident = Open();

        var task = incident.AddTask("Reset the victims' passwords", "alex", "u", T0.AddMinutes(5));
        incident.CompleteTask(task, "alex", T0.AddMinutes(30));
        incident.CompleteTask(task, "alex", T0.AddMinutes(40));

        Assert.Equal(T0.AddMinutes(30), task.DoneAt);
        Assert.Equal([("Task", null, "Reset the victims' passwords"), ("Task", "Reset the victims' passwords", "Done")],
            incident.History.Where(h => h.Field == "Task").Select(h => (h.Field, h.From, h.To)));
        Assert.Throws<InvalidOperationException>(() => Incident.Open(Guid.NewGuid(), "t", AlertSeverity.Low, T0).AddTask("x", null, "u", T0));
    }

    [Fact]
    public void A_more_severe_alert_raises_the_severity_but_a_milder_one_does_not_lower_it()
    {
        var incident = Open(AlertSeverity.Medium);

        incident.RaiseSeverity(AlertSeverity.Critical, "u", T0.AddMinutes(1), "linked");
        incident.RaiseSeverity(AlertSeverity.Low, "u", T0.AddMinutes(2), "linked");

        Assert.Equal(AlertSeverity.Critical, incident.Severity);
        Assert.Single(incident.History, h => h.Field == "Severity");
    }

    private static Incident Saved(Incident incident)
    {
        typeof(Incident).GetProperty("Id")!.SetValue(incident, 7L);
        return incident;
    }
}
