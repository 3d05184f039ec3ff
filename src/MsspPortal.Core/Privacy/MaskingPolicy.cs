using System.Text.RegularExpressions;

namespace MsspPortal.Core.Privacy;

// What one tenant masks before a line is stored. The platform default (cards, e-mails, international phone numbers,
// Chinese resident ids, truncated) also applies to lines from senders that belong to no tenant.
public sealed record MaskingPolicy
{
    public static MaskingPolicy PlatformDefault { get; } = new();

    public static MaskingPolicy Off { get; } = new() { Cards = false, Emails = false, Phones = false, ResidentIds = false };

    public bool Cards { get; init; } = true;

    public bool Emails { get; init; } = true;

    // International numbers (+country code), validated by the phone finder; national formats are opt-in per region.
    public bool Phones { get; init; } = true;

    public IReadOnlyList<string> PhoneRegions { get; init; } = [];

    public bool ResidentIds { get; init; } = true;

    public MaskMode Mode { get; init; } = MaskMode.Truncate;

    public IReadOnlyList<TenantPattern> Patterns { get; init; } = [];

    public bool IsOff => !Cards && !Emails && !Phones && !ResidentIds && Patterns.Count == 0;
}

// A tenant's own pattern (an employee number, a contract id): run by .NET's non-backtracking engine with a timeout,
// so no pattern can stall ingestion.
public sealed class TenantPattern
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50);

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
