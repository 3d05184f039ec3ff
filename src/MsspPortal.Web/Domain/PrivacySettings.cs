using System.Text.Json;
using MsspPortal.Core.Privacy;

namespace MsspPortal.Web.Domain;

// A tenant's masking rules: applied to every line at receipt, before its chunk is stored. Without a row the tenant
// gets MaskingPolicy.TenantDefault (cards and resident ids truncated).
public sealed class PrivacySettings : ITenantOwned
{
    private PrivacySettings()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public MaskMode? Cards { get; private set; }

    public MaskMode? Emails { get; private set; }

    public MaskMode? Phones { get; private set; }

    // ISO 3166 region codes whose national phone formats are masked too (international ones always, when on).
    public string PhoneRegions { get; private set; } = "";

    public MaskMode? ResidentIds { get; private set; }

    public MaskMode PatternMode { get; private set; } = MaskMode.Redact;

    // The tenant's own patterns as JSON: [{"Name":"employee","Pattern":"EMP-\\d{6}"}].
    public string Patterns { get; private set; } = "[]";

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public static PrivacySettings For(Guid tenantId) => new()
    {
        TenantId = tenantId, Cards = MaskingPolicy.TenantDefault.Cards, ResidentIds = MaskingPolicy.TenantDefault.ResidentIds,
    };

    // Throws ArgumentException for a pattern the non-backtracking engine cannot run, or an unknown region.
    public void Change(MaskMode? cards, MaskMode? emails, MaskMode? phones, IEnumerable<string> phoneRegions, MaskMode? residentIds,
        MaskMode patternMode, IReadOnlyList<NamedPattern> patterns, string by, DateTimeOffset at)
    {
        var regions = phoneRegions.Select(r => r.Trim().ToUpperInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        if (regions.Any(r => r.Length != 2 || !r.All(char.IsAsciiLetterUpper)))
        {
            throw new ArgumentException("Phone regions are two-letter ISO 3166 codes, e.g. CN, US.", nameof(phoneRegions));
        }
        _ = patterns.Select(p => new TenantPattern(p.Name, p.Pattern)).ToList();
        (Cards, Emails, Phones, ResidentIds, PatternMode) = (cards, emails, phones, residentIds, patternMode);
        PhoneRegions = string.Join(',', regions);
        Patterns = JsonSerializer.Serialize(patterns);
        (UpdatedAt, UpdatedBy) = (at, by);
    }

    public IReadOnlyList<NamedPattern> PatternList() => JsonSerializer.Deserialize<List<NamedPattern>>(Patterns) ?? [];

    public MaskingPolicy ToPolicy() => new()
    {
        Cards = Cards, Emails = Emails, Phones = Phones, ResidentIds = ResidentIds, PatternMode = PatternMode,
        PhoneRegions = PhoneRegions.Length == 0 ? [] : PhoneRegions.Split(','),
        Patterns = [.. PatternList().Select(p => new TenantPattern(p.Name, p.Pattern))],
    };
}

public sealed record NamedPattern(string Name, string Pattern);
