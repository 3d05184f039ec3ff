namespace MsspPortal.Web.Domain;

public enum BreachClockState
{
    // The instant the clock runs from is not recorded yet (the tenant is not aware, residents not yet told).
    NotStarted,
    Running,
    Met,
    Missed,
}

// One deadline of one regime. TimeLeft is due minus now while nobody was notified (negative once overdue), null once
// a notification was recorded.
public sealed record BreachClock(
    BreachRecipient Recipient, string Rule, DateTimeOffset? StartsAt, DateTimeOffset? DueAt, DateTimeOffset? NotifiedAt,
    BreachClockState State, TimeSpan? TimeLeft)
{
    public bool Overdue => State == BreachClockState.Missed || (TimeLeft is { } left && left < TimeSpan.Zero);
}

// The facts a clock reads: the breach's instants and what was notified to whom (the earliest of each recipient counts).
public sealed record BreachTimeline(
    BreachRegimes Regimes, bool CriticalInformationInfrastructure, int? CaliforniaResidents,
    DateTimeOffset DetectedAt, DateTimeOffset? TenantNotifiedAt, DateTimeOffset? TenantAwareAt,
    IReadOnlyDictionary<BreachRecipient, DateTimeOffset> FirstNotified);

// The notification deadlines that apply to a breach, worked out from recorded instants and the caller's "now" (pure:
// no clock, no database), so they can be checked by hand on fixed instants.
public static class BreachClocks
{
    // GDPR Art. 33(1): the controller notifies the supervisory authority "not later than 72 hours after having become
    // aware of it". The MSSP is the processor (Art. 33(2): it tells the controller without undue delay), so the clock
    // runs from the tenant's awareness, never from our detection.
    public static readonly TimeSpan GdprAuthority = TimeSpan.FromHours(72);

    // California Civil Code § 1798.82(a), as amended by SB 446 (2025, in force 1 January 2026): residents are notified
    // within 30 calendar days of "discovery or notification of the breach". The tenant owns the data, so its clock runs
    // from the earlier of being told by us (§ 1798.82(b)) and becoming aware by itself.
    public static readonly TimeSpan CaliforniaResidentsNotice = TimeSpan.FromDays(30);

    // § 1798.82(f), as amended by SB 446: a business that notifies more than 500 California residents submits a sample
    // copy to the Attorney General within 15 calendar days of notifying them. So: only over 500, and from the residents'
    // notice (not started until that notice is recorded).
    public static readonly TimeSpan CaliforniaAttorneyGeneral = TimeSpan.FromDays(15);

    public const int CaliforniaAttorneyGeneralThreshold = 500;

    // China, CAC's Measures for the Administration of National Cybersecurity Incident Reporting (in force 1 November
    // 2025): a critical information infrastructure operator reports within 1 hour of discovering the incident, other
    // operators within 4 hours. Discovery is detection here: the MSSP's monitoring is the operator's.
    public static readonly TimeSpan CacCriticalInfrastructure = TimeSpan.FromHours(1);

    public static readonly TimeSpan CacOther = TimeSpan.FromHours(4);

    // The clocks of a stored breach (the compliance register and the committee both show them).
    public static IReadOnlyList<BreachClock> For(PersonalDataBreach breach, DateTimeOffset now) =>
        For(new BreachTimeline(breach.Regimes, breach.CriticalInformationInfrastructure, breach.CaliforniaResidents, breach.DetectedAt,
            breach.TenantNotifiedAt, breach.TenantAwareAt, breach.Notifications.GroupBy(n => n.Recipient).ToDictionary(g => g.Key, g => g.Min(n => n.At))), now);

    public static IReadOnlyList<BreachClock> For(BreachTimeline breach, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(breach);
        var clocks = new List<BreachClock>();
        if (breach.Regimes.HasFlag(BreachRegimes.Gdpr))
        {
            clocks.Add(Clock(breach, BreachRecipient.SupervisoryAuthority, "GDPR Art. 33: supervisory authority within 72 h of the tenant's awareness",
                breach.TenantAwareAt, GdprAuthority, now));
        }
        if (breach.Regimes.HasFlag(BreachRegimes.California))
        {
            var discovery = Earliest(breach.TenantNotifiedAt, breach.TenantAwareAt);
            clocks.Add(Clock(breach, BreachRecipient.CaliforniaResidents, "Cal. Civ. Code § 1798.82(a): residents within 30 days of discovery",
                discovery, CaliforniaResidentsNotice, now));
            if (breach.CaliforniaResidents > CaliforniaAttorneyGeneralThreshold)
            {
                breach.FirstNotified.TryGetValue(BreachRecipient.CaliforniaResidents, out var residentsTold);
                clocks.Add(Clock(breach, BreachRecipient.CaliforniaAttorneyGeneral,
                    "Cal. Civ. Code § 1798.82(f): Attorney General within 15 days of the residents' notice (over 500 residents)",
                    breach.FirstNotified.ContainsKey(BreachRecipient.CaliforniaResidents) ? residentsTold : null, CaliforniaAttorneyGeneral, now));
            }
        }
        if (breach.Regimes.HasFlag(BreachRegimes.ChinaCac))
        {
            clocks.Add(breach.CriticalInformationInfrastructure
                ? Clock(breach, BreachRecipient.ChinaCac, "CAC incident reporting: 1 h from detection (critical information infrastructure)", breach.DetectedAt, CacCriticalInfrastructure, now)
                : Clock(breach, BreachRecipient.ChinaCac, "CAC incident reporting: 4 h from detection", breach.DetectedAt, CacOther, now));
        }
        return clocks;
    }

    private static BreachClock Clock(BreachTimeline breach, BreachRecipient recipient, string rule, DateTimeOffset? startsAt, TimeSpan allowed, DateTimeOffset now)
    {
        DateTimeOffset? notified = breach.FirstNotified.TryGetValue(recipient, out var at) ? at : null;
        if (startsAt is not { } start)
        {
            // Notified before the clock could start (e.g. the authority told before awareness was recorded): met.
            return new BreachClock(recipient, rule, null, null, notified, notified is null ? BreachClockState.NotStarted : BreachClockState.Met, null);
        }
        var due = start + allowed;
        if (notified is { } done)
        {
            return new BreachClock(recipient, rule, start, due, done, done <= due ? BreachClockState.Met : BreachClockState.Missed, null);
        }
        return new BreachClock(recipient, rule, start, due, null, now > due ? BreachClockState.Missed : BreachClockState.Running, due - now);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x && b is { } y ? (x < y ? x : y) : a ?? b;

    public static string Describe(TimeSpan left)
    {
        var abs = left.Duration();
        var text = abs.TotalDays >= 1 ? $"{(int)abs.TotalDays} d {abs.Hours} h" : abs.TotalHours >= 1 ? $"{(int)abs.TotalHours} h {abs.Minutes} min" : $"{(int)abs.TotalMinutes} min";
        return left < TimeSpan.Zero ? text + " overdue" : text + " left";
    }
}
