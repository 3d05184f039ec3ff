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
        var w = new PdfTextWriter(document, landscape: true, Margin, Ink);

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
}
