using System.Globalization;
using System.Text;
using Mediator;
using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.Web.Features.Compliance.Breaches;

// The register as CSV for the tenant's DPO or an authority's request. Cells pass through SpreadsheetCsv: the
// nature and measures are typed by people and may start with a formula character.
public sealed record ExportBreaches : IQuery<string>;

internal sealed class ExportBreachesHandler(ISender sender) : IQueryHandler<ExportBreaches, string>
{
    public async ValueTask<string> Handle(ExportBreaches query, CancellationToken cancellationToken)
    {
        var register = await sender.Send(new ListBreaches(), cancellationToken);
        var csv = new StringBuilder(SpreadsheetCsv.Row(
            "Breach", "Tenant", "Incident", "Detected (UTC)", "Tenant notified (UTC)", "Tenant aware (UTC)", "Nature", "Data categories",
            "Approx. data subjects", "Approx. records", "Likely consequences", "Measures taken", "Regimes", "Critical information infrastructure",
            "California residents", "Clocks"));
        foreach (var b in register.Breaches)
        {
            csv.Append(SpreadsheetCsv.Row(
                Str(b.Id), b.Tenant, b.Incident, Time(b.DetectedAt), Time(b.TenantNotifiedAt), Time(b.TenantAwareAt), b.Nature, b.DataCategories,
                Str(b.ApproximateDataSubjects), Str(b.ApproximateRecords), b.LikelyConsequences, b.MeasuresTaken, b.Regimes.ToString(),
                b.CriticalInformationInfrastructure ? "yes" : "no", Str(b.CaliforniaResidents),
                string.Join("; ", b.Clocks.Select(c => $"{c.Recipient} {c.State} due {Time(c.DueAt)}"))));
        }
        return csv.ToString();
    }

    private static string Str(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
