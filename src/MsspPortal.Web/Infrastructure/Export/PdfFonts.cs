using PdfSharp.Fonts;

namespace MsspPortal.Web.Infrastructure.Export;

// PDFsharp finds no fonts by itself on Linux: this resolver serves DejaVu Sans from the assembly (Fonts/, with its
// licence), so a server with no fonts installed renders the same PDF. Bold is simulated from the one face to keep
// the assembly small. PDFsharp holds one global resolver, set once: every PDF of the portal (value reports,
// retrospectives) uses this one.
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Face = "DejaVuSans";

    private static readonly Lock Gate = new();

    private static readonly Lazy<byte[]> Regular = new(() =>
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("MsspPortal.Web.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The report font is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            GlobalFontSettings.FontResolver ??= new PdfFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(Face, mustSimulateBold: isBold, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => faceName == Face ? Regular.Value : null;
}
