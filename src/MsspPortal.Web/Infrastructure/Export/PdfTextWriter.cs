using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MsspPortal.Web.Infrastructure.Export;

// Text, wrapped paragraphs and table rows on A4 pages with the portal's font, a new page when one is full: what the
// portal's PDFs (retrospectives, evidence pack indexes) are made of. Text too wide for its place is cut with "...".
public sealed class PdfTextWriter
{
    private readonly PdfDocument _document;
    private readonly Dictionary<(double, bool), XFont> _fonts = [];
    private readonly bool _landscape;
    private readonly double _margin;
    private readonly XColor _ink;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfTextWriter(PdfDocument document, bool landscape, double margin, XColor ink)
    {
        (_document, _landscape, _margin, _ink) = (document, landscape, margin, ink);
        NewPage();
    }

    private double Width => _page.Width.Point - (2 * _margin);

    private XFont Font(double size, bool bold) =>
        _fonts.TryGetValue((size, bold), out var font)
            ? font
            : _fonts[(size, bold)] = new XFont(PdfFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.WinAnsi));

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        if (_landscape)
        {
            _page.Orientation = PdfSharp.PageOrientation.Landscape;
        }
        _graphics = XGraphics.FromPdfPage(_page);
        _y = _margin;
    }

    private void Ensure(double height)
    {
        if (_y + height > _page.Height.Point - _margin)
        {
            NewPage();
        }
    }

    public void Finish() => _graphics.Dispose();

    public void Heading(string text)
    {
        Ensure(40);
        _y += 8;
        Line(text, 13, _ink, bold: true);
    }

    public void Line(string text, double size, XColor color, bool bold = false, double indent = 0)
    {
        Ensure(size * 1.5);
        _graphics.DrawString(Fit(text, size, Width - indent, bold), Font(size, bold), new XSolidBrush(color), _margin + indent, _y + size);
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
        var x = _margin;
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
