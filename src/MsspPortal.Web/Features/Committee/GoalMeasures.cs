using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Committee;

// What can measure a goal by itself: the value model's monthly figures (by their ValueKeys key) and the committee's
// own count of major incidents. Any other key (or none) is measured by hand, with the source stated.
public static class GoalMeasures
{
    public const string MajorIncidents = "incidents.major";

    // Incidents that hurt the business: interruption minutes or a loss recorded at closing (what "no major security
    // incident during the sale" means to the business owner).
    public const string ImpactIncidents = "incidents.impact";

    // A measured value's source is stored as one text: what was counted, then " · " and the portal link to it.
    private const string LinkSeparator = " · /";

    public static readonly IReadOnlyList<(string Key, string Label)> Automatic =
    [
        (MajorIncidents, "Major incidents (Critical or High) opened in the period"),
        (ImpactIncidents, "Incidents with business impact (interruption or loss recorded) opened in the period"),
        (ValueKeys.FraudRate, "Fraud rate (%), worst month of the period"),
        (ValueKeys.InterruptionMinutes, "Business interruption (minutes), worst month"),
        (ValueKeys.AttacksStopped, "Attacks stopped, per month"),
        (ValueKeys.ActualLoss, "Actual loss, worst month"),
        (ValueKeys.Mttd, "Mean time to detect (minutes), worst month"),
        (ValueKeys.Mtta, "Mean time to acknowledge (minutes), worst month"),
        (ValueKeys.Mttr, "Mean time to resolve (minutes), worst month"),
        (ValueKeys.SlaAttainment, "SLA attainment (%), worst month"),
        (ValueKeys.CustomerHoursFreed, "Customer hours freed, per month"),
    ];

    public static bool IsAutomatic(string? key) =>
        key is not null && (key == MajorIncidents || key == ImpactIncidents || key.StartsWith("protection.", StringComparison.Ordinal)
            || key.StartsWith("efficiency.", StringComparison.Ordinal) || key.StartsWith(ValueKeys.GrowthPrefix, StringComparison.Ordinal));

    public static string Source(string text, string? link)
    {
        var source = link is null ? text : text + LinkSeparator + link.TrimStart('/');
        // The column holds 500 characters: shorten the text, never the link.
        return source.Length <= 500 ? source : text[..Math.Max(0, 497 - (source.Length - text.Length))] + "…" + source[text.Length..];
    }

    public static (string Text, string? Link) SplitSource(string? source)
    {
        if (source is null)
        {
            return ("", null);
        }
        var at = source.LastIndexOf(LinkSeparator, StringComparison.Ordinal);
        return at < 0 ? (source, null) : (source[..at], "/" + source[(at + LinkSeparator.Length)..]);
    }
}
