namespace MsspPortal.Web.Features.Value.Model;

// The SOC page's method for response times and service levels (Features/Soc/GetSocMetrics), copied here because a
// feature does not import another: nearest-rank median and P90 over minutes, and attainment of deadlines that a
// pause on the customer has already moved. Change both together.
public static class ResponseTimes
{
    public sealed record Figure(int Count, double? MedianMinutes, double? P90Minutes);

    public sealed record Attainment(int Decided, int Met)
    {
        public double? Percent => Decided == 0 ? null : 100.0 * Met / Decided;

        public Attainment Plus(Attainment other) => new(Decided + (other?.Decided ?? 0), Met + (other?.Met ?? 0));
    }

    // Nearest-rank percentiles: the median and P90 are minutes some alert really took, not an interpolation.
    public static Figure Of(IEnumerable<double> minutes)
    {
        var sorted = minutes.Select(m => Math.Max(0, m)).Order().ToList();
        return sorted.Count == 0 ? new Figure(0, null, null) : new Figure(sorted.Count, Rank(sorted, 0.5), Rank(sorted, 0.9));
    }

    // A deadline counts once decided: done (met when by the deadline, which a pause has already moved), or passed
    // while still open. A paused clock stands at its pause, so a wait on the customer never breaches by itself.
    public static Attainment Attain(IEnumerable<(DateTimeOffset? Due, DateTimeOffset? DoneAt, DateTimeOffset? PausedAt)> clocks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        var decided = 0;
        var met = 0;
        foreach (var (due, doneAt, pausedAt) in clocks)
        {
            if (due is not { } d)
            {
                continue;
            }
            if (doneAt is { } done)
            {
                decided++;
                met += done <= d ? 1 : 0;
            }
            else if ((pausedAt ?? now) > d)
            {
                decided++;
            }
        }
        return new Attainment(decided, met);
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
