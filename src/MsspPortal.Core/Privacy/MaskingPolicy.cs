using System.Text.RegularExpressions;

namespace MsspPortal.Core.Privacy;

// What one tenant masks before a line is stored, and how, per kind (null: that kind is left alone). A tenant's default
// masks card numbers and resident ids by truncation and leaves addresses alone, because detections and analysts
// correlate by user name: a tenant that wants addresses masked too chooses pseudonyms, which still correlate. Lines
// from senders that belong to no tenant get the platform default, which masks every kind.
public sealed record MaskingPolicy
{
    public static MaskingPolicy TenantDefault { get; } = new() { Cards = MaskMode.Truncate, ResidentIds = MaskMode.Truncate };

    public static MaskingPolicy PlatformDefault { get; } = new()
    {
        Cards = MaskMode.Truncate, ResidentIds = MaskMode.Truncate, Emails = MaskMode.Truncate, Phones = MaskMode.Truncate,
    };

    public static MaskingPolicy Off { get; } = new();

    public MaskMode? Cards { get; init; }

    public MaskMode? Emails { get; init; }

    // International numbers (+country code), validated by the phone finder; national formats are opt-in per region.
    public MaskMode? Phones { get; init; }

    public IReadOnlyList<string> PhoneRegions { get; init; } = [];

    public MaskMode? ResidentIds { get; init; }

    // How the tenant's own patterns' matches are replaced (Truncate means the pattern's name in brackets).
    public MaskMode PatternMode { get; init; } = MaskMode.Redact;

    public IReadOnlyList<TenantPattern> Patterns { get; init; } = [];

    public bool IsOff => Cards is null && Emails is null && Phones is null && ResidentIds is null && Patterns.Count == 0;

    public bool Uses(MaskMode mode) =>
        Cards == mode || Emails == mode || Phones == mode || ResidentIds == mode || (Patterns.Count > 0 && PatternMode == mode);

    public MaskMode? ModeOf(PiiKind kind) => kind switch
    {
        PiiKind.CardNumber => Cards,
        PiiKind.Email => Emails,
        PiiKind.Phone => Phones,
        PiiKind.ChineseResidentId => ResidentIds,
        _ => Patterns.Count > 0 ? PatternMode : null,
    };
}

// A tenant's own pattern (an employee number, a contract id): run by .NET's non-backtracking engine, whose time is
// linear in the line's length, so no pattern can stall ingestion. The timeout is a last guard, set well above what a
// line takes on a loaded machine (50 ms was hit on 2 busy cores): a line that still times out is withheld, never
// stored unmasked.
public sealed class TenantPattern
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public TenantPattern(string name, string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Name = name.Trim();
        Pattern = pattern;
        try
        {
            Regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Timeout);
        }
        catch (NotSupportedException e)
        {
            // Backreferences, lookarounds, atomic groups: the non-backtracking engine cannot run them. The form says so.
            throw new ArgumentException($"The pattern uses a construct the non-backtracking engine does not support: {e.Message}", nameof(pattern), e);
        }
    }

    public string Name { get; }

    public string Pattern { get; }

    internal Regex Regex { get; }
}
