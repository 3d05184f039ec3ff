using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class IncidentAndCommitteeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly IncidentImpact NoImpact = new(1, 0, 0, "customer finance: no loss", null);

    [Fact]
    public void An_incident_moves_open_contained_closed_and_a_reopen_clears_the_closing_time()
    {
        var incident = Incident.Open(Guid.NewGuid(), "Account takeover", AlertSeverity.High, T0);

        incident.Contain("u", T0.AddHours(1));
        incident.Close(NoImpact, "u", T0.AddHours(5));
        Assert.Equal((IncidentStatus.Closed, T0.AddHours(5)), (incident.Status, incident.ClosedAt!.Value));

        incident.Reopen("u", T0.AddHours(6), "the attacker is back");
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Null(incident.ClosedAt);
    }

    [Fact]
    public void An_incident_refuses_invalid_moves()
    {
        var incident = Incident.Open(Guid.NewGuid(), "Phishing", AlertSeverity.Medium, T0);

        Assert.Throws<InvalidOperationException>(() => incident.Reopen("u", T0, "why"));
        Assert.Throws<ArgumentOutOfRangeException>(() => incident.Close(NoImpact, "u", T0.AddMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => incident.Close(NoImpact with { ActualLoss = -1 }, "u", T0.AddHours(1)));
        incident.Close(NoImpact, "u", T0.AddHours(1));
        Assert.Throws<InvalidOperationException>(() => incident.Contain("u", T0.AddHours(1)));
        Assert.Throws<InvalidOperationException>(() => incident.Close(NoImpact, "u", T0.AddHours(2)));
    }

    [Fact]
    public void A_meeting_is_held_once_and_its_action_items_end_once()
    {
        var committee = Saved(JointCommittee.Form(Guid.NewGuid(), "Committee", null));
        var meeting = Saved(Meeting.Schedule(committee, MeetingKind.Weekly, T0));

        Assert.Throws<InvalidOperationException>(() => meeting.AmendMinutes("too early"));
        meeting.Hold(T0.AddMinutes(5), "minutes");
        Assert.Throws<InvalidOperationException>(() => meeting.Hold(T0.AddDays(1), "again"));
        Assert.Throws<InvalidOperationException>(() => meeting.Reschedule(T0.AddDays(1)));

        var item = ActionItem.Raise(meeting, "Enable MFA", null, null, T0);
        Assert.Equal((committee.TenantId, ActionItemStatus.Open, meeting.Id), (item.TenantId, item.Status, item.MeetingId));
        item.Complete(T0.AddDays(2));
        Assert.Equal((ActionItemStatus.Done, T0.AddDays(2)), (item.Status, item.CompletedAt));
        Assert.Throws<InvalidOperationException>(() => item.Drop(T0.AddDays(3)));
        Assert.Throws<InvalidOperationException>(() => item.Edit("other", null, null, null));
    }

    [Fact]
    public void Committee_rows_refer_to_saved_parents()
    {
        var committee = JointCommittee.Form(Guid.NewGuid(), "Committee", null);

        Assert.Throws<InvalidOperationException>(() => Meeting.Schedule(committee, MeetingKind.Weekly, T0));
        Assert.Throws<InvalidOperationException>(() => CommitteeMember.Appoint(committee, "Dana", CommitteeSide.Mssp, "SOC lead"));
    }

    [Fact]
    public void A_contract_has_one_target_per_severity_and_sane_levels()
    {
        var contract = ServiceContract.Sign(Guid.NewGuid(), ServiceTier.Professional, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1), BillingPeriod.Monthly, 1000);

        contract.Promise(AlertSeverity.High, 30, 240);
        contract.Promise(AlertSeverity.High, 15, 120);

        var target = Assert.Single(contract.SlaTargets);
        Assert.Equal((contract.TenantId, 15, 120), (target.TenantId, target.AcknowledgeWithinMinutes, target.ResolveWithinMinutes));
        Assert.Throws<ArgumentException>(() => contract.Promise(AlertSeverity.Low, 60, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareRevenueGrowth(101, 10, RevenueShareReading.Marginal, null));
        Assert.Throws<ArgumentException>(() => ServiceContract.Sign(Guid.NewGuid(), ServiceTier.Essentials, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), BillingPeriod.Monthly, 1));
    }

    [Fact]
    public void A_comment_needs_a_body_and_a_saved_alert()
    {
        var alert = Alert.Raise(Guid.NewGuid(), "r", "t", AlertSeverity.Low, 1, T0);

        Assert.Throws<InvalidOperationException>(() => Comment.OnAlert(alert, "u", "text", T0));
        Assert.Throws<ArgumentException>(() => Comment.OnAlert(Saved(alert), "u", " ", T0));
        Assert.Equal(alert.TenantId, Comment.OnAlert(alert, "u", "text", T0).TenantId);
    }

    // What EF does on save: the database gives the row its id.
    private static T Saved<T>(T entity)
    {
        typeof(T).GetProperty("Id")!.SetValue(entity, 7L);
        return entity;
    }
}
