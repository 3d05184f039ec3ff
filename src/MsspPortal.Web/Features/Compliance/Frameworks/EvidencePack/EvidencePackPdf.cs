using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MsspPortal.Web.Infrastructure.Export;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MsspPortal.Web.Features.Compliance.Frameworks.EvidencePack;

// The pack's index.pdf (PDFsharp, A4 landscape): who and what, the status counts, one row per control with its reason
// and evidence beneath, and every file written before it with its SHA-256 (manifest.json lists index.pdf too). Text is
// WinAnsi-encoded like the portal's other PDFs: characters outside it print as '?'; controls.csv/json keep them.
internal static partial class EvidencePackPdf
{
    private const double Margin = 40;
    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    private static readonly double[] Columns = [0.11, 0.33, 0.09, 0.09, 0.16, 0.09, 0.13];

    public static byte[] Write(EvidencePackRequest request, IReadOnlyList<PackEntry> files)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Evidence pack {request.FrameworkTitle} {request.TenantName} {EvidencePackWriter.Date(request.PeriodStart)} to {EvidencePackWriter.Date(request.PeriodEnd)}";
        document.Info.Author = "MsspPortal";
        // Fixed dates: the same request gives the same file.
        document.Info.CreationDate = request.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = request.GeneratedAt.UtcDateTime;
        // The trailer's /ID is random by default: the pack's own uuid instead, so the archive is reproducible.
        var id = new string(Convert.FromHexString(OscalAssessmentResults.DocumentUuid(request).Replace("-", "", StringComparison.Ordinal)).Select(b => (char)b).ToArray());
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        var w = new Writer(document);

        w.Line($"Evidence pack: {request.FrameworkTitle}", 18, Ink, bold: true);
        w.Line(request.TenantName, 13, Ink);
        w.Line($"Framework {request.FrameworkId}, version {request.FrameworkVersion}; source: {request.FrameworkSource}", 9, Muted);
        w.Line($"Audit period {EvidencePackWriter.Date(request.PeriodStart)} to {EvidencePackWriter.Date(request.PeriodEnd)}; generated {Stamp(request.GeneratedAt)} by {request.GeneratedBy}", 9, Muted);

        w.Heading("Status");
        w.Line(string.Join("; ", Enum.GetValues<ControlStatus>().Select(s =>
            $"{EvidencePackWriter.StatusText(s)}: {request.Controls.Count(c => c.Status == s).ToString(CultureInfo.InvariantCulture)}")) +
            $" ({request.Controls.Count.ToString(CultureInfo.InvariantCulture)} controls)", 10, Ink);

        w.Heading("Controls");
        w.Row(["Control", "Label", "Status", "Evidence", "Owner", "Review due", "Files"], Columns, 8, Muted, bold: true);
        foreach (var c in request.Controls)
        {
            w.Row([c.ControlId, c.Label, EvidencePackWriter.StatusText(c.Status), EvidencePackWriter.AutomationToken(c.Automation), c.Owner ?? "-",
                c.ReviewDue is { } due ? EvidencePackWriter.Date(due) : "-", c.EvidenceFileNames.Count.ToString(CultureInfo.InvariantCulture)], Columns, 8, Ink, bold: false);
            w.Paragraph("Reason: " + (string.IsNullOrWhiteSpace(c.Reason) ? "-" : c.Reason), 7.5, Muted, indent: 12);
            if (c.EvidenceFileNames.Count > 0)
            {
                w.Paragraph("Evidence: " + string.Join(", ", c.EvidenceFileNames), 7.5, Muted, indent: 12);
            }
        }

        w.Heading("Files in this pack (SHA-256)");
        foreach (var f in files)
        {
            w.Line($"{f.Sha256}  {f.Name} ({f.Length.ToString("#,0", CultureInfo.InvariantCulture)} bytes)", 7.5, Ink);
        }
        w.Paragraph("manifest.json, the last file of the pack, lists these files and index.pdf with their hashes.", 8, Muted);
        w.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return Reproducible(output.ToArray(), id, OscalAssessmentResults.DocumentUuid(request));
    }

    // PDFsharp names an embedded font subset with a random six-letter tag ("BKICGK+DejaVu#20Sans") and gives the XMP
    // metadata random document and instance uuids. The tag only has to differ between subsets of one file and the
    // uuids may be the pack's own, so they are replaced: same lengths, so the cross-reference offsets stay right, and
    // the same request gives the same index.pdf.
    private static byte[] Reproducible(byte[] pdf, string id, string uuid)
    {
        var text = XmpUuid().Replace(Encoding.Latin1.GetString(pdf), "uuid:" + uuid);
        var tags = SubsetTag().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = new string(Enumerable.Range(0, 6).Select(k => (char)('A' + ((id[k] + (i * 7) + k) % 26))).ToArray());
            text = text.Replace("/" + tags[i] + "+", "/" + tag + "+", StringComparison.Ordinal);
        }
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"/([A-Z]{6})\+DejaVu#20Sans")]
    private static partial Regex SubsetTag();

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private sealed class Writer
    {
        private readonly PdfDocument _document;
        private readonly Dictionary<(double, bool), XFont> _fonts = [];
        private PdfPage _page = null!;
        private XGraphics _graphics = null!;
        private double _y;

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private double Width => _page.Width.Point - (2 * Margin);

        private XFont Font(double size, bool bold) =>
            _fonts.TryGetValue((size, bold), out var font)
                ? font
                : _fonts[(size, bold)] = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.WinAnsi));

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _page.Orientation = PdfSharp.PageOrientation.Landscape;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Ensure(double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                NewPage();
            }
        }

        public void Finish() => _graphics.Dispose();

        public void Heading(string text)
        {
            Ensure(40);
            _y += 8;
            Line(text, 13, Ink, bold: true);
        }

        public void Line(string text, double size, XColor color, bool bold = false, double indent = 0)
        {
            Ensure(size * 1.5);
            _graphics.DrawString(Fit(text, size, Width - indent, bold), Font(size, bold), new XSolidBrush(color), Margin + indent, _y + size);
            _y += size * 1.5;
        }

        public void Paragraph(string text, double size, XColor color, double indent = 0)
        {
            var line = "";
            foreach (var word in text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics.MeasureString(candidate, Font(size, false)).Width > Width - indent)
                {
                    Line(line, size, color, indent: indent);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            Line(line, size, color, indent: indent);
        }

        public void Row(string[] cells, double[] widths, double size, XColor color, bool bold)
        {
            Ensure(size * 1.8);
            var x = Margin;
            for (var i = 0; i < cells.Length && i < widths.Length; i++)
            {
                var width = Width * widths[i];
                _graphics.DrawString(Fit(cells[i], size, width - 6, bold), Font(size, bold), new XSolidBrush(color), x, _y + size);
                x += width;
            }
            _y += size * 1.8;
        }

        private string Fit(string text, double size, double width, bool bold)
        {
            var font = Font(size, bold);
            if (_graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }
            var cut = text;
            while (cut.Length > 1 && _graphics.MeasureString(cut + "...", font).Width > width)
            {
                cut = cut[..^1];
            }
            return cut + "...";
        }
    }
}
