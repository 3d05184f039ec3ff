using Microsoft.Extensions.Time.Testing;
using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

// The activation's timing on a fake clock: pages repeated at +5, alternates and chairs at +10, the 15-minute target,
// and the quorum of four seats (an incident lead, a decider with authority of each side, a scribe: four people).
public sealed class EmergencyActivationTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero));

    // 1 MSSP chair, decider · 2 MSSP incident lead · 3 MSSP SOC lead, decider and lead, alternate of 1
    // 4 customer chair, decider · 5 customer CTO, decider, alternate of 4 · 6 customer secretary · 7 customer owner (no named role)
    private readonly List<CommitteeMember> _members;

    public EmergencyActivationTests()
    {
        var committee = JointCommittee.Form(Tenant, "Joint committee", null);
        typeof(JointCommittee).GetProperty(nameof(JointCommittee.Id))!.SetValue(committee, 1L);
        _members =
        [
            Member(committee, 1, "Beatriz", CommitteeSide.Mssp, CommitteeRole.Chair, authority: true, leads: false, alternateFor: null),
            Member(committee, 2, "Alex", CommitteeSide.Mssp, CommitteeRole.Member, authority: false, leads: true, alternateFor: null),
            Member(committee, 3, "Dana", CommitteeSide.Mssp, CommitteeRole.Member, authority: true, leads: true, alternateFor: 1),
            Member(committee, 4, "Carlos", CommitteeSide.Customer, CommitteeRole.Chair, authority: true, leads: false, alternateFor: null),
            Member(committee, 5, "Ingrid", CommitteeSide.Customer, CommitteeRole.Member, authority: true, leads: false, alternateFor: 4),
            Member(committee, 6, "Sven", CommitteeSide.Customer, CommitteeRole.Secretary, authority: false, leads: false, alternateFor: null),
            Member(committee, 7, "Nora", CommitteeSide.Customer, CommitteeRole.Member, authority: false, leads: false, alternateFor: null),
        ];
        Committee = committee;
    }

    private JointCommittee Committee { get; }

    private DateTimeOffset Start { get; set; }

    [Fact]
    public void Declaration_pages_the_named_roles_of_both_sides_at_once()
    {
        var activation = Declare();

        Assert.Equal(ActivationState.Paging, activation.State);
        // Everyone but the owner (7) holds a named role: lead, decider, chair or secretary.
        Assert.Equal([1L, 2, 3, 4, 5, 6], activation.Pages.Select(p => p.MemberId).Order());
        Assert.All(activation.Pages, p => Assert.Equal((PageReason.Initial, Start), (p.Reason, p.SentAt)));
        Assert.Equal(Start.AddMinutes(15), activation.TargetAt);
    }

    [Fact]
    public void Unanswered_pages_go_again_at_five_minutes_once()
    {
        var activation = Declare();
        Acknowledge(activation, 2, minutes: 3);

        Assert.Empty(TickAt(activation, 4.99));
        var repeats = TickAt(activation, 5);
        // Everyone paged but Alex, who answered at 3 minutes.
        Assert.Equal([1L, 3, 4, 5, 6], repeats.Select(p => p.MemberId).Order());
        Assert.All(repeats, p => Assert.Equal((PageReason.Repeat, Start.AddMinutes(5)), (p.Reason, p.SentAt)));
        Assert.Empty(TickAt(activation, 6));
    }

    [Fact]
    public void At_ten_minutes_the_alternates_of_the_silent_and_the_chairs_of_both_sides_are_paged()
    {
        var activation = Declare();
        Acknowledge(activation, 2, minutes: 3);
        Acknowledge(activation, 1, minutes: 3);
        TickAt(activation, 5);

        Assert.Empty(TickAt(activation, 9.99));
        var escalated = TickAt(activation, 10);

        // Carlos (customer chair) is silent: his alternate Ingrid is paged, and he as a chair; Beatriz, the MSSP chair,
        // has answered and is not; Dana is Beatriz's alternate, but Beatriz answered.
        Assert.Equal([4L, 5], escalated.Select(p => p.MemberId).Order());
        Assert.All(escalated, p => Assert.Equal(PageReason.Escalation, p.Reason));
        Assert.Empty(TickAt(activation, 11));
    }

    [Fact]
    public void Quorum_at_twelve_minutes_meets_the_target_and_opens_the_session()
    {
        var activation = Declare();
        Acknowledge(activation, 2, minutes: 3);
        Acknowledge(activation, 1, minutes: 3);
        Acknowledge(activation, 5, minutes: 9);
        Assert.Equal(ActivationState.Assembling, activation.State);
        TickAt(activation, 10);
        // Lead Alex, deciders Beatriz and Ingrid: Beatriz is also a chair, but she fills the MSSP decider's seat and
        // cannot be the scribe as well. No quorum until Sven, the secretary, answers.
        Assert.Null(activation.QuorumAt);

        Acknowledge(activation, 6, minutes: 12);

        Assert.Equal(Start.AddMinutes(12), activation.QuorumAt);
        Assert.True(activation.TargetMet);
        Assert.Equal(ActivationState.InSession, activation.State);
        Assert.Equal((2L, 6L), (activation.IncidentLeadMemberId!.Value, activation.ScribeMemberId!.Value));
        Assert.Equal(TimeSpan.FromMinutes(12), activation.TimeToQuorum);
        Assert.Equal(Start.AddMinutes(32), activation.NextUpdateDueAt);
        Assert.Empty(TickAt(activation, 15));
        Assert.True(activation.TargetMet);

        // MSSP answered at 3 and 3 minutes; the customer at 9 and 12 (Ingrid's and Sven's first pages at 0).
        Assert.Equal(new SideTiming(CommitteeSide.Mssp, 3, 2, 3, 3), activation.TimingOf(CommitteeSide.Mssp));
        Assert.Equal(new SideTiming(CommitteeSide.Customer, 3, 2, 9, 10.5), activation.TimingOf(CommitteeSide.Customer));
    }

    [Fact]
    public void Without_quorum_at_fifteen_minutes_the_target_is_missed_and_stays_missed()
    {
        var activation = Declare();
        Acknowledge(activation, 2, minutes: 3);
        Acknowledge(activation, 1, minutes: 4);
        Acknowledge(activation, 5, minutes: 9);

        TickAt(activation, 14.99);
        Assert.Null(activation.TargetMet);
        TickAt(activation, 15);
        Assert.False(activation.TargetMet);

        Acknowledge(activation, 6, minutes: 17);
        Assert.Equal(Start.AddMinutes(17), activation.QuorumAt);
        Assert.False(activation.TargetMet);
        Assert.Equal(ActivationState.InSession, activation.State);
    }

    [Fact]
    public void Both_sides_decision_makers_are_required()
    {
        var activation = Declare();
        // A lead, two MSSP deciders and the secretary: no one with authority of the customer.
        Acknowledge(activation, 2, minutes: 1);
        Acknowledge(activation, 1, minutes: 1);
        Acknowledge(activation, 3, minutes: 2);
        Acknowledge(activation, 6, minutes: 2);
        Assert.Null(activation.QuorumAt);

        Acknowledge(activation, 4, minutes: 7);

        Assert.Equal(Start.AddMinutes(7), activation.QuorumAt);
    }

    [Fact]
    public void One_person_cannot_fill_two_seats()
    {
        var byId = _members.ToDictionary(m => m.Id);
        // Dana leads incidents and decides for the MSSP, but is one person: with Ingrid and Sven that is three seats.
        Assert.Null(EmergencyActivation.FindQuorum([byId[3], byId[5], byId[6]]));
        // Carlos (customer chair with authority) cannot be the customer's decider and the scribe at once.
        Assert.Null(EmergencyActivation.FindQuorum([byId[2], byId[1], byId[4]]));
        // Four people, four seats: Alex leads, Dana decides for the MSSP, Ingrid for the customer, Sven writes.
        Assert.Equal(new QuorumSeats(2, 3, 5, 6), EmergencyActivation.FindQuorum([byId[3], byId[5], byId[6], byId[2]]));
        // Beatriz may be the scribe when Dana decides for the MSSP: Alex leads, Carlos decides for the customer.
        Assert.Equal(new QuorumSeats(2, 3, 4, 1), EmergencyActivation.FindQuorum([byId[1], byId[2], byId[3], byId[4]]));
    }

    [Fact]
    public void Status_updates_are_due_every_twenty_minutes_in_session()
    {
        var activation = Declare();
        foreach (var id in new long[] { 2, 1, 5, 6 })
        {
            Acknowledge(activation, id, minutes: 10);
        }
        Assert.False(activation.UpdateOverdue(Start.AddMinutes(30)));
        Assert.True(activation.UpdateOverdue(Start.AddMinutes(31)));

        activation.AddUpdate("Scrubbing on; orders flowing", "Sven", Start.AddMinutes(31));

        Assert.Equal(Start.AddMinutes(51), activation.NextUpdateDueAt);
        Assert.False(activation.UpdateOverdue(Start.AddMinutes(45)));
    }

    [Fact]
    public void Stable_sets_the_review_due_in_three_days_and_closing_needs_the_review()
    {
        var activation = Declare();
        activation.OpenSession(Start.AddMinutes(6));
        Assert.Equal(ActivationState.InSession, activation.State);
        Assert.Null(activation.QuorumAt);
        activation.MarkStable(Start.AddHours(2));

        Assert.Equal(Start.AddHours(2).AddDays(3), activation.ReviewDueAt);
        Assert.Null(activation.NextUpdateDueAt);
        Assert.True(activation.ReviewOverdue(Start.AddHours(2).AddDays(3).AddMinutes(1)));
        Assert.Throws<InvalidOperationException>(() => activation.Close(Start.AddHours(3)));

        activation.RecordReview("Scrubbing held", Start.AddDays(2));
        Assert.False(activation.ReviewOverdue(Start.AddDays(4)));
        activation.Close(Start.AddDays(2).AddHours(1));
        Assert.Equal(ActivationState.Closed, activation.State);
        Assert.Empty(TickAt(activation, 60 * 24 * 3));
    }

    private EmergencyActivation Declare()
    {
        Start = _clock.GetUtcNow();
        var activation = EmergencyActivation.Declare(Committee, 42, null, "DDoS on checkout", "analyst", Start);
        activation.PageNamedRoles(_members, Start);
        return activation;
    }

    private void Acknowledge(EmergencyActivation activation, long memberId, double minutes)
    {
        _clock.SetUtcNow(Start.AddMinutes(minutes));
        Assert.True(activation.Acknowledge(_members.Single(m => m.Id == memberId), _clock.GetUtcNow(), _members));
    }

    private IReadOnlyList<CommitteePage> TickAt(EmergencyActivation activation, double minutes)
    {
        _clock.SetUtcNow(Start.AddMinutes(minutes));
        return activation.Tick(_clock.GetUtcNow(), _members);
    }

    private static CommitteeMember Member(JointCommittee committee, long id, string name, CommitteeSide side, CommitteeRole role, bool authority, bool leads, long? alternateFor)
    {
        var member = CommitteeMember.Appoint(committee, name, side, "title");
        typeof(CommitteeMember).GetProperty(nameof(CommitteeMember.Id))!.SetValue(member, id);
        member.Change(name, side, "title", role, authority, leads, alternateFor, null);
        return member;
    }
}
