using System.Text.Json.Serialization;

namespace MsspPortal.Core.Detection;

/// <summary>
/// A boolean expression over one event. Plain data so rules can be stored, shown and compared;
/// <see cref="ConditionCompiler"/> turns it into a delegate once, before any event is seen.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(FieldMatch), "match")]
[JsonDerivedType(typeof(AllOf), "and")]
[JsonDerivedType(typeof(AnyOf), "or")]
[JsonDerivedType(typeof(Negation), "not")]
[JsonDerivedType(typeof(Always), "always")]
public abstract record RuleCondition
{
    public static RuleCondition True { get; } = new Always();

    public static FieldMatch Is(string field, params string[] values) => new(field, MatchOperator.Equals, values);

    public static FieldMatch InList(string field, IEnumerable<string> values) => new(field, MatchOperator.Equals, [.. values]);

    public static FieldMatch Contains(string field, params string[] values) => new(field, MatchOperator.Contains, values);

    public static FieldMatch StartsWith(string field, params string[] values) => new(field, MatchOperator.StartsWith, values);

    public static FieldMatch EndsWith(string field, params string[] values) => new(field, MatchOperator.EndsWith, values);

    public static FieldMatch Matches(string field, string pattern) => new(field, MatchOperator.Regex, [pattern]);

    public static FieldMatch InCidr(string field, params string[] ranges) => new(field, MatchOperator.Cidr, ranges);

    public static AllOf And(params RuleCondition[] parts) => new(parts);

    public static AnyOf Or(params RuleCondition[] parts) => new(parts);

    public static Negation Negate(RuleCondition inner) => new(inner);

    // Values the event must have in field for the condition to hold, or null when the condition does not pin the
    // field. The engine uses it to index rules by category and action.
    internal virtual IReadOnlyList<string>? RequiredValues(string field) => null;
}

/// <summary>A field test. With several values any one suffices, unless <see cref="MatchAll"/> (Sigma's |all).</summary>
public sealed record FieldMatch(string Field, MatchOperator Operator, IReadOnlyList<string> Values) : RuleCondition
{
    public bool MatchAll { get; init; }

    /// <summary>Case-insensitive unless set; Sigma semantics and most log sources want that.</summary>
    public bool CaseSensitive { get; init; }

    internal override IReadOnlyList<string>? RequiredValues(string field) =>
        Operator == MatchOperator.Equals && !MatchAll && !CaseSensitive && Field == field ? Values : null;
}

public sealed record AllOf(IReadOnlyList<RuleCondition> Parts) : RuleCondition
{
    internal override IReadOnlyList<string>? RequiredValues(string field)
    {
        foreach (var part in Parts)
        {
            if (part.RequiredValues(field) is { } values)
            {
                return values;
            }
        }
        return null;
    }
}

public sealed record AnyOf(IReadOnlyList<RuleCondition> Parts) : RuleCondition
{
    internal override IReadOnlyList<string>? RequiredValues(string field)
    {
        var union = new List<string>();
        foreach (var part in Parts)
        {
            if (part.RequiredValues(field) is not { } values)
            {
                return null;
            }
            union.AddRange(values);
        }
        return union.Count == 0 ? null : union;
    }
}

public sealed record Negation(RuleCondition Inner) : RuleCondition;

public sealed record Always : RuleCondition;
