using MsspPortal.Core.Detection.Sigma;

namespace MsspPortal.Core.Detection.BuiltIn;

/// <summary>
/// The detections every tenant starts with. Those Sigma can express ship as embedded Sigma YAML (so analysts
/// read them in a standard language); the rest are code because they need state Sigma has no words for
/// (threat-intel lookups, first-seen locations, sequences) or take their severity from the device.
/// </summary>
public static class BuiltInRules
{
    private const string ResourcePrefix = "MsspPortal.Core.Detection.BuiltIn.";

    private static readonly Lazy<IReadOnlyList<DetectionRule>> Loaded = new(() => [.. LoadSigma(), .. CodeDefined()]);

    public static IReadOnlyList<DetectionRule> All => Loaded.Value;

    public static IEnumerable<DetectionRule> LoadSigma()
    {
        var assembly = typeof(BuiltInRules).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var result = SigmaRuleImporter.Import(reader.ReadToEnd(), "built-in");
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Built-in rule {name} does not load: {string.Join("; ", result.Errors)}");
            }
            yield return result.Rule with { Provenance = result.Rule.Provenance with { Source = "built-in" } };
        }
    }

    public static IEnumerable<DetectionRule> CodeDefined()
    {
        var authentication = RuleCondition.Is("event.category", "authentication");
        yield return new IndicatorRule
        {
            Id = BuiltInRuleIds.KnownBadIndicator,
            Title = "Contact with a known-bad address, domain, URL or file",
            Description = "An event names a value on a threat-intelligence list (tenant or MSSP-wide) that is valid at the event's time.",
            Severity = DetectionSeverity.High,
            BaseRisk = 60,
            Techniques = ["T1071"],
        };
        yield return new MatchRule
        {
            Id = BuiltInRuleIds.IdsPassThrough,
            Title = "IDS/IPS signature",
            Description = "Passes intrusion-detection alerts through with the device's own severity.",
            Filter = RuleCondition.Is("event.category", "intrusion_detection"),
            SeverityFromEvent = true,
            // One alert per attacker and signature: a sweep of the same exploit over fifty hosts is one incident to
            // triage, not fifty (the contributing events keep every destination).
            GroupBy = ["source.ip", "rule.id"],
        };
        yield return new NewLocationRule
        {
            Id = BuiltInRuleIds.NewLoginLocation,
            Title = "Logon from a country or network not seen for this user in 30 days",
            Filter = RuleCondition.And(authentication, RuleCondition.Is("event.outcome", "success")),
            Severity = DetectionSeverity.Medium,
            BaseRisk = 40,
            Techniques = ["T1078"],
            GroupBy = ["user.name"],
            DedupWindow = TimeSpan.FromDays(1),
        };
        yield return new SequenceRule
        {
            Id = BuiltInRuleIds.FailedThenSuccess,
            Title = "Successful logon after repeated failures",
            Description = "Five or more failed logons for a user, then a success for the same user, within ten minutes: a guessed password.",
            Filter = RuleCondition.And(authentication, RuleCondition.Is("event.outcome", "failure")),
            Then = RuleCondition.And(authentication, RuleCondition.Is("event.outcome", "success")),
            FirstCount = 5,
            Window = TimeSpan.FromMinutes(10),
            Severity = DetectionSeverity.High,
            BaseRisk = 75,
            Techniques = ["T1110", "T1078"],
            GroupBy = ["user.name"],
            DedupWindow = TimeSpan.FromMinutes(10),
        };
    }
}
