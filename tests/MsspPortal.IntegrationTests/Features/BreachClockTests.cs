using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Breaches;

namespace MsspPortal.IntegrationTests.Features;

// The clocks are pure: fixed instants in, deadlines out. Every expected deadline below is worked out by hand from
// t0 = 2026-03-02 09:00 UTC (a Monday; no clock here knows weekends or holidays).
public sealed class BreachClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static BreachTimeline Breach(BreachRegimes regimes, DateTimeOffset? notified = null, DateTimeOffset? aware = null, bool cii = false, int? residents = null,
        params (BreachRecipient Recipient, DateTimeOffset At)[] told) =>
        new(regimes, cii, residents, T0, notified, aware, told.GroupBy(t => t.Recipient).ToDictionary(g => g.Key, g => g.Min(t => t.At)));

    private static BreachClock Only(BreachTimeline breach, DateTimeOffset now, BreachRecipient recipient) =>
        Assert.Single(BreachClocks.For(breach, now), c => c.Recipient == recipient);

    [Fact]
    public void Gdpr_runs_72_hours_from_the_tenant_s_awareness_not_from_detection()
    {
        // Detected Mon 09:00, the tenant aware Mon 19:00: due Thu 19:00 (72 h later), not Thu 09:00.
        var clock = Only(Breach(BreachRegimes.Gdpr, notified: T0.AddHours(9), aware: T0.AddHours(10)), T0.AddHours(80), BreachRecipient.SupervisoryAuthority);

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 19, 0, 0, TimeSpan.Zero), clock.DueAt);
        Assert.Equal(T0.AddHours(10), clock.StartsAt);
        Assert.Equal(BreachClockState.Running, clock.State);
        Assert.Equal(TimeSpan.FromHours(2), clock.TimeLeft);
        Assert.False(clock.Overdue);
    }

    [Fact]
    public void Gdpr_clock_does_not_start_before_the_tenant_is_aware()
    {
        var clock = Only(Breach(BreachRegimes.Gdpr, notified: T0.AddHours(1)), T0.AddDays(10), BreachRecipient.SupervisoryAuthority);

        Assert.Equal((BreachClockState.NotStarted, (DateTimeOffset?)null, (TimeSpan?)null), (clock.State, clock.DueAt, clock.TimeLeft));
    }

    [Fact]
    public void Gdpr_is_met_by_a_notice_on_time_and_missed_by_a_late_one_or_none()
    {
        var aware = T0.AddHours(10); // due T0 + 82 h
        var met = Only(Breach(BreachRegimes.Gdpr, aware: aware, told: (BreachRecipient.SupervisoryAuthority, T0.AddHours(82))), T0.AddDays(30), BreachRecipient.SupervisoryAuthority);
        var late = Only(Breach(BreachRegimes.Gdpr, aware: aware, told: (BreachRecipient.SupervisoryAuthority, T0.AddHours(83))), T0.AddDays(30), BreachRecipient.SupervisoryAuthority);
        var none = Only(Breach(BreachRegimes.Gdpr, aware: aware), T0.AddHours(83), BreachRecipient.SupervisoryAuthority);

        Assert.Equal((BreachClockState.Met, (TimeSpan?)null), (met.State, met.TimeLeft));
        Assert.Equal(BreachClockState.Missed, late.State);
        Assert.Equal(T0.AddHours(83), late.NotifiedAt);
        Assert.Equal((BreachClockState.Missed, (TimeSpan?)TimeSpan.FromHours(-1)), (none.State, none.TimeLeft));
        Assert.True(none.Overdue);
    }

    [Fact]
    public void California_residents_have_30_days_from_the_tenant_s_discovery_or_notification_whichever_is_first()
    {
        // Told by us Tue 09:00, aware by itself Wed 09:00: 30 days from Tue 09:00 is 2026-04-02 09:00.
        var clock = Only(Breach(BreachRegimes.California, notified: T0.AddDays(1), aware: T0.AddDays(2), residents: 10), T0.AddDays(30), BreachRecipient.CaliforniaResidents);

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero), clock.DueAt);
        Assert.Equal((BreachClockState.Running, (TimeSpan?)TimeSpan.FromDays(1)), (clock.State, clock.TimeLeft));
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void California_Attorney_General_is_owed_a_notice_only_over_500_residents(int residents, bool owed)
    {
        var clocks = BreachClocks.For(Breach(BreachRegimes.California, notified: T0, residents: residents), T0.AddDays(1));

        Assert.Equal(owed, clocks.Any(c => c.Recipient == BreachRecipient.CaliforniaAttorneyGeneral));
    }

    [Fact]
    public void California_Attorney_General_has_15_days_from_the_residents_notice()
    {
        var before = Only(Breach(BreachRegimes.California, notified: T0, residents: 2000), T0.AddDays(5), BreachRecipient.CaliforniaAttorneyGeneral);
        // Residents told on day 20 (met: due day 30); the Attorney General is then due on day 35, 2026-04-06 09:00.
        var told = Breach(BreachRegimes.California, notified: T0, residents: 2000, told: (BreachRecipient.CaliforniaResidents, T0.AddDays(20)));
        var running = Only(told, T0.AddDays(34), BreachRecipient.CaliforniaAttorneyGeneral);
        var missed = Only(told, T0.AddDays(36), BreachRecipient.CaliforniaAttorneyGeneral);

        Assert.Equal(BreachClockState.NotStarted, before.State);
        Assert.Equal(BreachClockState.Met, Only(told, T0.AddDays(36), BreachRecipient.CaliforniaResidents).State);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.Zero), running.DueAt);
        Assert.Equal((BreachClockState.Running, (TimeSpan?)TimeSpan.FromDays(1)), (running.State, running.TimeLeft));
        Assert.Equal((BreachClockState.Missed, (TimeSpan?)TimeSpan.FromDays(-1)), (missed.State, missed.TimeLeft));
    }

    [Fact]
    public void China_CAC_gives_critical_infrastructure_1_hour_and_others_4_hours_from_detection()
    {
        var now = T0.AddHours(2);
        var critical = Only(Breach(BreachRegimes.ChinaCac, cii: true), now, BreachRecipient.ChinaCac);
        var other = Only(Breach(BreachRegimes.ChinaCac), now, BreachRecipient.ChinaCac);
        var reported = Only(Breach(BreachRegimes.ChinaCac, told: (BreachRecipient.ChinaCac, T0.AddMinutes(59))), now, BreachRecipient.ChinaCac);

        Assert.Equal((T0.AddHours(1), BreachClockState.Missed, (TimeSpan?)TimeSpan.FromHours(-1)), (critical.DueAt!.Value, critical.State, critical.TimeLeft));
        Assert.Equal((T0.AddHours(4), BreachClockState.Running, (TimeSpan?)TimeSpan.FromHours(2)), (other.DueAt!.Value, other.State, other.TimeLeft));
        Assert.Equal(BreachClockState.Met, reported.State);
    }

    [Fact]
    public void Only_the_regimes_that_apply_run_a_clock()
    {
        Assert.Empty(BreachClocks.For(Breach(BreachRegimes.None, aware: T0), T0));
        Assert.Equal([BreachRecipient.SupervisoryAuthority, BreachRecipient.ChinaCac],
            BreachClocks.For(Breach(BreachRegimes.Gdpr | BreachRegimes.ChinaCac, aware: T0), T0).Select(c => c.Recipient));
    }

    [Fact]
    public void Time_left_reads_as_a_person_would_say_it()
    {
        Assert.Equal("2 d 3 h left", BreachClocks.Describe(new TimeSpan(2, 3, 0, 0)));
        Assert.Equal("1 h 30 min overdue", BreachClocks.Describe(TimeSpan.FromMinutes(-90)));
        Assert.Equal("12 min left", BreachClocks.Describe(TimeSpan.FromMinutes(12)));
    }
}
