using System.Globalization;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Infrastructure.Export;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// The retrospective printed (PDFsharp, A4): the pack's sections as tables, the committee's notes, the content hash
// and each signature with the hash it binds (void when it no longer equals the content's). Text is WinAnsi-encoded,
// so the words are in the page's content as they read (search, copy, and the tests).
public static class RetrospectivePdf
{
    private const double Margin = 50;
    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    private static readonly XColor Danger = XColor.FromArgb(176, 42, 55);

    public static byte[] Write(RetrospectiveViewModel retro)
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Quarterly retrospective {retro.Tenant} {retro.Label}";
        document.Info.Author = "MsspPortal";
        // Fixed dates: the same content gives the same file.
        document.Info.CreationDate = retro.AssembledAt.UtcDateTime;
        document.Info.ModificationDate = retro.AssembledAt.UtcDateTime;
        var w = new PdfTextWriter(document, landscape: false, Margin, Ink);
        var pack = retro.Pack;
        var c = CultureInfo.InvariantCulture;

        w.Line(retro.Tenant, 18, Ink, bold: true);
        w.Line($"Quarterly retrospective {retro.Label}", 13, Ink);
        w.Line($"{pack.FirstDay:yyyy-MM-dd} to {pack.LastDay:yyyy-MM-dd} ({pack.TimeZone}); assembled {Stamp(retro.AssembledAt)}; status: {StatusText(retro.Status)}", 9, Muted);

        w.Heading("Incidents and business impact");
        w.Line($"{pack.Incidents.Count} incidents, {pack.Incidents.DowntimeMinutes} minutes of interruption, actual loss {Money(pack.Incidents.ActualLoss, pack.Currency)}.", 10, Ink);
        w.Row(["Opened", "Incident", "Severity", "Service", "Downtime", "Loss"], [0.14, 0.36, 0.11, 0.17, 0.1, 0.12], 8, Muted, true);
        foreach (var i in pack.Incidents.Items)
        {
            w.Row([i.OpenedAt.ToString("yyyy-MM-dd", c), i.Title, i.Severity.ToString(), i.BusinessService ?? "-", i.DowntimeMinutes is { } d ? $"{d} min" : "-",
                i.ActualLoss is { } l ? Money(l, pack.Currency) : "-"], [0.14, 0.36, 0.11, 0.17, 0.1, 0.12], 8, Ink, false);
        }

        w.Heading("Value figures and trend");
        var months = pack.Value.Months;
        var widths = Enumerable.Repeat(0.34, 1).Concat(months.Select(_ => 0.5 / Math.Max(1, months.Count))).Append(0.16).ToArray();
        w.Row(["Figure", .. months.Select(m => m.Month), "Change"], widths, 8, Muted, true);
        foreach (var t in pack.Value.Trend)
        {
            w.Row([t.Label, .. t.Values.Select(v => Figure(v, t.Unit, pack.Currency)), t.Change is { } ch ? Figure(ch, t.Unit, pack.Currency, signed: true) : "-"], widths, 8, Ink, false);
        }
        w.Line("Sources: " + string.Join("; ", months.Select(m => $"{m.Month} {SourceText(m.Source)}")), 8, Muted);

        w.Heading("SLA attainment");
        w.Row(["Severity", .. months.Select(m => m.Month), "Quarter"], widths, 8, Muted, true);
        foreach (var s in pack.Sla)
        {
            w.Row([s.Severity, .. s.Months.Select(v => Figure(v, ValueUnit.Percent, pack.Currency)),
                s.Quarter is { } qv ? $"{qv:0.#}% ({s.Met}/{s.Decided})" : "-"], widths, 8, Ink, false);
        }

        w.Heading("ATT&CK coverage");
        w.Line($"Techniques covered by enabled rules: {pack.Coverage.CoveredAtStart} at the start, {pack.Coverage.CoveredAtEnd} at the end.", 10, Ink);
        if (pack.Coverage.Gained.Count > 0)
        {
            w.Paragraph("Gained: " + string.Join(", ", pack.Coverage.Gained.Select(t => $"{t.Id} {t.Name}")), 9, Ink);
        }
        w.Paragraph("Seen in alerts: " + string.Join("; ", pack.Coverage.SeenInAlerts.Select(s => $"{s.Month} {s.Techniques} techniques in {s.Alerts} alerts")), 9, Ink);
        w.Paragraph(pack.Coverage.Method, 8, Muted);

        w.Heading("Action items");
        var a = pack.ActionItems;
        w.Line($"Created {a.Created}, done {a.Done}, dropped {a.Dropped}; open {a.OpenAtEnd} and overdue {a.OverdueAtEnd} on {a.CountedTo:yyyy-MM-dd}.", 10, Ink);

        w.Heading("Goals against targets");
        foreach (var g in pack.Goals)
        {
            w.Line($"{g.Title}: target {Comparison(g.Comparison)} {g.Target.ToString("0.###", c)} {g.Unit}; measured {(g.Measured is { } m ? m.ToString("0.###", c) : "-")} - {(g.Met switch { true => "met", false => "missed", _ => "not measured" })}", 9, Ink);
        }

        w.Heading("Disputed report figures");
        if (pack.Disputes.Count == 0)
        {
            w.Line("None.", 9, Ink);
        }
        foreach (var d in pack.Disputes)
        {
            w.Paragraph($"{d.ReportMonth} {d.FigureKey}: {d.Comment}", 9, Ink);
        }

        w.Heading("Emergency activations");
        if (pack.Activations.Count == 0)
        {
            w.Line("None in the quarter.", 9, Ink);
        }
        foreach (var e in pack.Activations)
        {
            w.Line($"{Stamp(e.DeclaredAt)} {e.Reason} - {(e.TargetMet switch { true => "15-minute target met", false => "15-minute target missed", _ => "target open" })}", 9, Ink);
        }

        w.Heading("Lessons learned");
        foreach (var line in (retro.Lessons ?? "-").Split('\n'))
        {
            w.Paragraph(line.TrimEnd('\r'), 10, Ink);
        }
        w.Heading("Strategy changes for the next quarter");
        foreach (var line in (retro.StrategyChanges ?? "-").Split('\n'))
        {
            w.Paragraph(line.TrimEnd('\r'), 10, Ink);
        }

        w.Heading("Content hash and signatures");
        w.Line($"SHA-256 of the pack and the notes: {retro.ContentHash}", 8, Ink);
        if (retro.Signatures.Count == 0)
        {
            w.Line("Not signed yet.", 9, Ink);
        }
        foreach (var s in retro.Signatures)
        {
            w.Line($"{s.Name} ({(s.Side == CommitteeSide.Mssp ? "MSSP" : "customer")} side, {s.Title}) signed {Stamp(s.SignedAt)}{(s.Valid ? "" : " - VOID: the content changed since")}",
                9, s.Valid ? Ink : Danger);
            w.Line($"binds {s.ContentHash}", 8, Muted);
        }
        w.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    internal static string StatusText(RetrospectiveStatus status) => status switch
    {
        RetrospectiveStatus.SignedOff => "Signed off",
        RetrospectiveStatus.PartlySigned => "Partly signed",
        _ => "Draft",
    };

    internal static string SourceText(FigureSource source) => source switch
    {
        FigureSource.PublishedReport => "published report",
        FigureSource.DraftReport => "draft report (not yet reviewed)",
        _ => "computed at assembly (no report)",
    };

    internal static string Comparison(GoalComparison comparison) => comparison switch
    {
        GoalComparison.AtMost => "at most",
        GoalComparison.AtLeast => "at least",
        _ => "exactly",
    };

    internal static string Figure(decimal? value, ValueUnit unit, string currency, bool signed = false)
    {
        if (value is not { } v)
        {
            return "-";
        }
        var sign = signed && v > 0 ? "+" : "";
        var c = CultureInfo.InvariantCulture;
        return unit switch
        {
            ValueUnit.Percent => sign + v.ToString("0.##", c) + "%",
            ValueUnit.Currency => sign + Money(v, currency),
            ValueUnit.Minutes => sign + v.ToString("0.#", c) + " min",
            ValueUnit.Hours => sign + v.ToString("0.#", c) + " h",
            ValueUnit.Days => sign + v.ToString("0.#", c) + " d",
            _ => sign + v.ToString("#,0.##", c),
        };
    }

    internal static string Money(decimal value, string currency) => $"{value.ToString("#,0", CultureInfo.InvariantCulture)} {currency}";

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
