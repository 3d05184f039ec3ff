using System.Text;

namespace MsspPortal.Web.Infrastructure.Export;

// CSV that a spreadsheet opens as data, never as formulas: a cell starting with =, +, -, @, tab or carriage return
// gets a leading apostrophe (OWASP's CSV-injection advice), because audit actions, names and log text are
// attacker-controlled. Fields are quoted when they hold a separator, quote or line break (RFC 4180).
public static class SpreadsheetCsv
{
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Row(params string?[] cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(Cell(cells[i]));
        }
        return line.Append("\r\n").ToString();
    }
}
