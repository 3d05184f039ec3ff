using System.Text;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.Web.Features.Value.Reports;

// Every figure of the report, one per row, as stored in its snapshot: numbers in invariant form (exact, unrounded),
// text cells neutralised against spreadsheet formulas (labels and notes can carry tenant-entered text).
public static class ValueReportCsv
{
    public static readonly string[] Columns = ["key", "family", "label", "unit", "value", "low", "high", "baseline", "formula", "link"];

    public static byte[] Write(ValueFigures figures)
    {
        var csv = new StringBuilder();
        csv.Append(SpreadsheetCsv.Row(Columns));
        foreach (var f in figures.Figures)
        {
            // Numbers are ours and written raw (a negative number is data, not a formula); text goes through Cell.
            csv.Append(string.Join(',',
                SpreadsheetCsv.Cell(f.Key), SpreadsheetCsv.Cell(f.Family.ToString()), SpreadsheetCsv.Cell(f.Label), SpreadsheetCsv.Cell(f.Unit.ToString()),
                ValueFormat.Number(f.Value), ValueFormat.Number(f.Low), ValueFormat.Number(f.High), ValueFormat.Number(f.Baseline),
                SpreadsheetCsv.Cell(f.Formula), SpreadsheetCsv.Cell(f.Link))).Append("\r\n");
        }
        // A byte-order mark so spreadsheets read the currency signs and names as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
