namespace MsspPortal.Web.Features.Ingestion;

/// <summary>How a quarantined line's text shows what cannot be shown: NUL becomes ␀ (U+2400, "symbol for null").</summary>
public static class QuarantineText
{
    public static string Visible(string raw) => raw.Replace('\0', '\u2400');
}
