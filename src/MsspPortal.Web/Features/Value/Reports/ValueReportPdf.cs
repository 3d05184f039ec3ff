using System.Globalization;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Infrastructure.Export;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MsspPortal.Web.Features.Value.Reports;

// The report as a PDF (PDFsharp, A4): the tenant's name and monogram, the headline sentences, two bar charts drawn
// with XGraphics (interruption against the baseline; attacks stopped by kill-chain stage), every figure by family,
// and the method appendix (each figure's formula, the assumptions with their source and "MSSP default" marks, the
// snapshot's hash). Text is written WinAnsi-encoded, so the words are in the page's content as they read: a reader's
// search and copy work, and so does a test that looks for the headline figures.
public static class ValueReportPdf
{
    private const double Margin = 50;
    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    private static readonly XColor Accent = XColor.FromArgb(13, 110, 253);
    private static readonly XColor Baseline = XColor.FromArgb(173, 181, 189);

    public static byte[] Write(ValueReportViewModel report)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Value report {report.TenantName} {report.Month:yyyy-MM}";
        document.Info.Author = "MsspPortal";
        document.Info.Subject = report.Figures.Headlines.Count > 0 ? string.Join(" ", report.Figures.Headlines) : "Monthly value report";
        // Fixed dates: the same report gives the same file, whenever it is downloaded.
        document.Info.CreationDate = report.BuiltAt.UtcDateTime;
        document.Info.ModificationDate = report.BuiltAt.UtcDateTime;

        var writer = new PageWriter(document);
        Header(writer, report);
        Headlines(writer, report);
        Charts(writer, report);
        FiguresTable(writer, report);
        Appendix(writer, report);
        writer.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Header(PageWriter w, ValueReportViewModel report)
    {
        // The monogram stands in for a logo: the tenant's initials in a square.
        var initials = string.Concat(report.TenantName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(p => char.ToUpperInvariant(p[0])));
        w.Graphics.DrawRoundedRectangle(new XSolidBrush(Accent), Margin, w.Y, 44, 44, 10, 10);
        w.Graphics.DrawString(initials, w.Font(18, bold: true), XBrushes.White, new XRect(Margin, w.Y, 44, 44), XStringFormats.Center);
        w.Graphics.DrawString(report.TenantName, w.Font(18, bold: true), new XSolidBrush(Ink), Margin + 56, w.Y + 20);
        w.Graphics.DrawString($"Monthly value report · {report.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}",
            w.Font(11), new XSolidBrush(Muted), Margin + 56, w.Y + 38);
        w.Y += 56;
        var status = report.Status switch
        {
            Domain.ValueReportStatus.Draft => $"DRAFT built {Stamp(report.BuiltAt)} - not yet reviewed by the MSSP",
            _ => $"{report.Status} · published {Stamp(report.PublishedAt)} by {report.PublishedBy}"
                + (report.AcknowledgedAt is { } at ? $" · acknowledged {Stamp(at)} by {report.AcknowledgedBy}" : ""),
        };
        w.Line(status, 9, Muted);
        w.Y += 6;
    }

    private static void Headlines(PageWriter w, ValueReportViewModel report)
    {
        w.Heading("This month");
        foreach (var sentence in report.Figures.Headlines)
        {
            w.Paragraph(sentence, 12, Ink);
            w.Y += 4;
        }
        w.Y += 8;
    }

    private static void Charts(PageWriter w, ValueReportViewModel report)
    {
        var interruption = report.Figures.Find(ValueKeys.InterruptionMinutes);
        var stages = report.Figures.Figures
            .Where(f => f.Key.StartsWith(ValueKeys.AttacksStopped + ".", StringComparison.Ordinal) && f.Value is not null)
            .ToList();
        if (interruption is null && stages.Count == 0)
        {
            return;
        }
        w.Ensure(190);
        var top = w.Y;
        var half = (w.Width - 20) / 2;
        if (interruption is not null)
        {
            var bars = new List<(string, decimal, XColor)>();
            if (interruption.Baseline is { } before)
            {
                bars.Add(("Before the service", before / 60, Baseline));
            }
            bars.Add(("This month", (interruption.Value ?? 0) / 60, Accent));
            BarChart(w, Margin, top, half, "Business interruption (hours)", bars);
        }
        if (stages.Count > 0)
        {
            BarChart(w, Margin + half + 20, top, half, "Attacks stopped, by kill-chain stage",
                [.. stages.Select(s => (StageName(s), s.Value!.Value, Accent))]);
        }
        w.Y = top + 180;
    }

    private static string StageName(ValueFigure stage)
    {
        var name = stage.Key[(ValueKeys.AttacksStopped.Length + 1)..];
        return name.Length == 0 ? stage.Label : char.ToUpperInvariant(name[0]) + name[1..].Replace('-', ' ');
    }

    // Horizontal bars: label on the left, bar, value at its end; scaled to the largest value.
    private static void BarChart(PageWriter w, double x, double y, double width, string title, List<(string Label, decimal Value, XColor Color)> bars)
    {
        var g = w.Graphics;
        g.DrawString(title, w.Font(10, bold: true), new XSolidBrush(Ink), x, y + 10);
        var max = Math.Max(1e-9, (double)bars.Max(b => b.Value));
        var labelWidth = width * 0.38;
        var barArea = width - labelWidth - 40;
        var rowHeight = Math.Min(26, 150.0 / Math.Max(1, bars.Count));
        for (var i = 0; i < bars.Count; i++)
        {
            var rowY = y + 22 + (i * rowHeight);
            var (label, value, color) = bars[i];
            g.DrawString(w.Fit(label, 8, labelWidth - 4), w.Font(8), new XSolidBrush(Ink), new XRect(x, rowY, labelWidth - 4, rowHeight - 4), XStringFormats.CenterRight);
            var length = Math.Max(1, barArea * (double)value / max);
            g.DrawRectangle(new XSolidBrush(color), x + labelWidth, rowY + 2, length, rowHeight - 8);
            g.DrawString(value.ToString("#,0.#", CultureInfo.InvariantCulture), w.Font(8), new XSolidBrush(Ink), x + labelWidth + length + 4, rowY + (rowHeight / 2) + 2);
        }
        g.DrawLine(new XPen(Muted, 0.5), x + labelWidth, y + 20, x + labelWidth, y + 22 + (bars.Count * rowHeight));
    }

    private static void FiguresTable(PageWriter w, ValueReportViewModel report)
    {
        foreach (var family in report.Figures.Figures.GroupBy(f => f.Family).OrderBy(g => g.Key))
        {
            w.Heading(ValueFormat.Family(family.Key));
            w.Row(["Figure", "This month", "Before the service"], [0.5, 0.28, 0.22], 9, Muted, bold: true);
            foreach (var figure in family)
            {
                w.Row([figure.Label, ValueFormat.Show(figure, report.Currency) + (ValueFormat.IsEstimate(figure) ? " (P10-P90)" : ""), ValueFormat.Baseline(figure, report.Currency)],
                    [0.5, 0.28, 0.22], 9, Ink, bold: false);
            }
            w.Y += 8;
        }
    }

    private static void Appendix(PageWriter w, ValueReportViewModel report)
    {
        w.NewPage();
        w.Heading("Method");
        w.Paragraph("Counts and measurements come from the portal's records (alerts, their history, incidents and their recorded impact); "
            + "each figure's formula is below, and the HTML report links every figure to its records. Estimates are the P10-P90 range of a "
            + "10,000-draw Monte Carlo over the assumptions listed, seeded from tenant, month and assumption version. Figures the tenant reports "
            + "are shown beside the security figures and are not claimed as caused by security.", 9, Ink);
        w.Y += 6;
        w.Heading("Formulas", 11);
        foreach (var figure in report.Figures.Figures.Where(f => f.Formula.Length > 0))
        {
            w.Paragraph($"{figure.Label}: {figure.Formula}", 8, Ink);
            w.Y += 2;
        }
        w.Y += 6;
        w.Heading($"Assumptions (version {report.AssumptionVersion})", 11);
        if (report.Snapshot.Assumptions.Count == 0)
        {
            w.Paragraph("No assumption set was in force for this month.", 8, Muted);
        }
        foreach (var a in report.Snapshot.Assumptions)
        {
            var range = a.Distribution == nameof(Domain.AssumptionDistribution.Lognormal90)
                ? $"90% interval {Plain(a.Min)}-{Plain(a.Max)} {a.Unit} (lognormal)"
                : $"{Plain(a.Min)} / {Plain(a.MostLikely)} / {Plain(a.Max)} {a.Unit} (PERT min / most likely / max)";
            w.Paragraph($"{a.Label}: {range}. Source: {a.Source} ({a.SourceYear}).{(a.IsMsspDefault ? " MSSP default - not yet approved by the committee." : " Approved.")}", 8, Ink);
            w.Y += 2;
        }
        w.Y += 6;
        w.Paragraph($"Snapshot SHA-256 {report.ContentHash}; built {Stamp(report.BuiltAt)}.", 7, Muted);
    }

    private static string Plain(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";

    // Keeps the place on the page and starts a new page when the next block does not fit.
    private sealed class PageWriter
    {
        private readonly PdfDocument _document;
        private readonly Dictionary<(double, bool), XFont> _fonts = [];
        private PdfPage _page = null!;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        public XGraphics Graphics { get; private set; } = null!;

        public double Y { get; set; }

        public double Width => _page.Width.Point - (2 * Margin);

        public XFont Font(double size, bool bold = false)
        {
            if (!_fonts.TryGetValue((size, bold), out var font))
            {
                font = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.WinAnsi));
                _fonts[(size, bold)] = font;
            }
            return font;
        }

        public void NewPage()
        {
            Graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            Graphics = XGraphics.FromPdfPage(_page);
            Y = Margin;
        }

        public void Ensure(double height)
        {
            if (Y + height > _page.Height.Point - Margin)
            {
                NewPage();
            }
        }

        public void Finish() => Graphics.Dispose();

        public void Heading(string text, double size = 13)
        {
            Ensure(size * 3);
            Y += size * 0.6;
            Graphics.DrawString(text, Font(size, bold: true), new XSolidBrush(Ink), Margin, Y + size);
            Y += size * 1.6;
        }

        public void Line(string text, double size, XColor color)
        {
            Ensure(size * 1.5);
            Graphics.DrawString(Fit(text, size, Width), Font(size), new XSolidBrush(color), Margin, Y + size);
            Y += size * 1.5;
        }

        public void Paragraph(string text, double size, XColor color)
        {
            foreach (var line in Wrap(text, size, Width))
            {
                Line(line, size, color);
            }
        }

        public void Row(string[] cells, double[] widths, double size, XColor color, bool bold)
        {
            Ensure(size * 1.8);
            var x = Margin;
            for (var i = 0; i < cells.Length; i++)
            {
                var width = Width * widths[i];
                Graphics.DrawString(Fit(cells[i], size, width - 6), Font(size, bold), new XSolidBrush(color), x, Y + size);
                x += width;
            }
            Y += size * 1.8;
            Graphics.DrawLine(new XPen(XColor.FromArgb(222, 226, 230), 0.5), Margin, Y - (size * 0.5), Margin + Width, Y - (size * 0.5));
        }

        // Cuts a text to the width with an ellipsis (table cells, chart labels).
        public string Fit(string text, double size, double width)
        {
            var font = Font(size);
            if (Graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }
            var cut = text;
            while (cut.Length > 1 && Graphics.MeasureString(cut + "...", font).Width > width)
            {
                cut = cut[..^1];
            }
            return cut + "...";
        }

        private IEnumerable<string> Wrap(string text, double size, double width)
        {
            var font = Font(size);
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
