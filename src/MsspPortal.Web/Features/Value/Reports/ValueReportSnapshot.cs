using System.Text.Json;
using System.Text.Json.Serialization;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Reports;

// What a report keeps: the month's figures and the assumptions they were computed with (the method appendix reads
// these, not today's assumption set). Serialised the same way every time, so the same data gives the same bytes and
// the same hash; the model's ComputedAt is left out (the report's BuiltAt says when) for the same reason.
public sealed record ValueReportSnapshot(ValueFigures Figures, IReadOnlyList<ValueReportSnapshot.Assumption> Assumptions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public sealed record Assumption(string Key, string Label, string Distribution, decimal Min, decimal MostLikely, decimal Max, string Unit,
        string Source, int SourceYear, bool IsMsspDefault);

    public static ValueReportSnapshot Of(ValueFigures figures, IEnumerable<ValueAssumption> assumptions) =>
        new(figures with { ComputedAt = default },
            [.. assumptions.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new Assumption(a.Key, a.Label, a.Distribution.ToString(), a.Min, a.MostLikely, a.Max, a.Unit, a.Source, a.SourceYear, a.IsMsspDefault))]);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // The report's own figures, with the time they were built.
    public static ValueReportSnapshot Read(ValueReport report)
    {
        var snapshot = JsonSerializer.Deserialize<ValueReportSnapshot>(report.Snapshot, Json)
            ?? throw new InvalidOperationException($"Value report {report.Id} has an empty snapshot.");
        return snapshot with { Figures = snapshot.Figures with { ComputedAt = report.BuiltAt } };
    }
}
