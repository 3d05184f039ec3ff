namespace MsspPortal.Web.Demo;

// The demo's time line, all relative to "now": six whole months before the current month plus the current month so
// far (or the last days days when a shorter window is asked for), one day at a time. The story's dates are placed
// in it: the sale in the last full month, attack waves on fixed days of each month.
internal sealed class DemoCalendar
{
    public DemoCalendar(DateTimeOffset now, int days)
    {
        Now = now.ToUniversalTime();
        var today = new DateTimeOffset(Now.Year, Now.Month, Now.Day, 0, 0, 0, TimeSpan.Zero);
        Start = days > 0 ? today.AddDays(-days) : new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-6);
        var lastMonth = new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        SaleStart = DateOnly.FromDateTime(lastMonth.AddDays(19).UtcDateTime);
        SaleEnd = DateOnly.FromDateTime(lastMonth.AddMonths(1).AddDays(-1).UtcDateTime);
        // The peak is the sale's last Friday that leaves a few days after it (Black Friday in a November).
        var peak = SaleEnd.AddDays(-2);
        while (peak.DayOfWeek != DayOfWeek.Friday)
        {
            peak = peak.AddDays(-1);
        }
        SalePeak = peak;
    }

    public DateTimeOffset Now { get; }

    public DateTimeOffset Start { get; }

    public DateOnly SaleStart { get; }

    public DateOnly SaleEnd { get; }

    public DateOnly SalePeak { get; }

    public IEnumerable<DemoDay> Days()
    {
        var index = 0;
        for (var start = Start; start < Now; start = start.AddDays(1), index++)
        {
            // Today ends a few minutes before now: a device's last batch has just arrived.
            var end = start.AddDays(1) < Now ? start.AddDays(1) : Now.AddMinutes(-5);
            if (end > start)
            {
                var full = end == start.AddDays(1);
                yield return new DemoDay(index, DateOnly.FromDateTime(start.UtcDateTime), start, end, end > Now.AddDays(-2), full && end > Now.AddDays(-1));
            }
        }
    }

    // The batches' time spans: a device's logs of the last full month and this month arrive daily, so an alert of
    // the sale or of the live queue is detected at the end of its day; older months arrive as weekly back-fills
    // (days 1-7, 8-14, 15-21, 22-28 and the rest of the month), which keeps each alert in its month and the seed
    // short.
    public IEnumerable<DemoSpan> Spans()
    {
        var daily = new DateTimeOffset(Now.Year, Now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var pending = new List<DemoDay>();
        foreach (var day in Days())
        {
            if (pending.Count > 0 && (day.Start >= daily || day.Date.Month != pending[0].Date.Month || Week(day) != Week(pending[0])))
            {
                yield return new DemoSpan(pending);
                pending = [];
            }
            pending.Add(day);
        }
        if (pending.Count > 0)
        {
            yield return new DemoSpan(pending);
        }

        static int Week(DemoDay day) => Math.Min((day.Date.Day - 1) / 7, 4);
    }

    // How busy the shop is: ten times normal traffic at the sale's peak, rising into it and easing after.
    public double ShopTraffic(DateOnly date)
    {
        if (date < SaleStart.AddDays(-7) || date > SaleEnd)
        {
            return 1;
        }
        if (date < SaleStart)
        {
            return 1.3; // the week before: the stress test and the early-bird campaign
        }
        var fromPeak = Math.Abs(date.DayNumber - SalePeak.DayNumber);
        return Math.Max(3, 10 - (fromPeak * 1.5));
    }

    // True on the dayOfMonthth of every month in the window, for monthly waves.
    public static bool Monthly(DemoDay day, params ReadOnlySpan<int> dayOfMonth)
    {
        foreach (var d in dayOfMonth)
        {
            if (day.Date.Day == d)
            {
                return true;
            }
        }
        return false;
    }
}

// Recent: The last two days or so: their alerts stay open for the analyst's live queue. Yesterday: The last whole
// day: recent attacks happen on it, so every window length has some.
internal sealed record DemoDay(int Index, DateOnly Date, DateTimeOffset Start, DateTimeOffset End, bool Recent, bool Yesterday)
{
    public TimeSpan Length => End - Start;

    // The month's number counted from the window's first month (0 = June for a demo seeded in December).
    public int MonthOf(DateTimeOffset windowStart) => ((Date.Year - windowStart.Year) * 12) + Date.Month - windowStart.Month;
}

// The days of one batch per device; the batch is received, and processed, at the end of its last day.
internal sealed record DemoSpan(IReadOnlyList<DemoDay> Days)
{
    public DateTimeOffset End => Days[^1].End;
}
