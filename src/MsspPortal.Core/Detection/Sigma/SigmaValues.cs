using System.Text;
using System.Text.RegularExpressions;

namespace MsspPortal.Core.Detection.Sigma;

// One Sigma field test ( field|modifiers: value or values ) as a RuleCondition. Wildcards become starts-with /
// ends-with / contains where they can, a regex only when they must.
internal static class SigmaValues
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "contains", "startswith", "endswith", "re", "cidr", "all", "exists", "lt", "lte", "gt", "gte", "cased", "i", "m", "s",
    };

    public static RuleCondition? Build(string field, IReadOnlyList<string> modifiers, IReadOnlyList<string?> values, List<string> errors)
    {
        var unsupported = modifiers.Where(m => !Supported.Contains(m)).ToList();
        if (unsupported.Count > 0)
        {
            errors.Add($"field '{field}': unsupported modifier(s) {string.Join(", ", unsupported.Select(m => "|" + m))}");
            return null;
        }
        var all = modifiers.Contains("all");
        var cased = modifiers.Contains("cased");
        if (modifiers.Contains("exists"))
        {
            var exists = new FieldMatch(field, MatchOperator.Exists, []);
            return values.Count == 1 && string.Equals(values[0], "false", StringComparison.OrdinalIgnoreCase) ? RuleCondition.Negate(exists) : exists;
        }

        var parts = new List<RuleCondition>();
        var byOperator = new Dictionary<MatchOperator, List<string>>();
        foreach (var value in values)
        {
            if (value is null)
            {
                // Sigma's null: the field is absent or empty.
                parts.Add(RuleCondition.Negate(new FieldMatch(field, MatchOperator.Exists, [])));
                continue;
            }
            var (op, text) = Translate(modifiers, value);
            if (op == MatchOperator.Regex && !IsValidRegex(text))
            {
                errors.Add($"field '{field}': invalid regular expression '{value}'");
                continue;
            }
            if (op == MatchOperator.Cidr && !CidrRange.TryParse(text, out _))
            {
                errors.Add($"field '{field}': invalid CIDR '{value}'");
                continue;
            }
            if (op is MatchOperator.LessThan or MatchOperator.LessOrEqual or MatchOperator.GreaterThan or MatchOperator.GreaterOrEqual
                && !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"field '{field}': '{value}' is not a number");
                continue;
            }
            if (op == MatchOperator.Exists)
            {
                parts.Add(new FieldMatch(field, MatchOperator.Exists, []));
                continue;
            }
            if (!byOperator.TryGetValue(op, out var list))
            {
                byOperator[op] = list = [];
            }
            list.Add(text);
        }

        if (all)
        {
            // |all: every value must match, so each value is its own test.
            parts.AddRange(byOperator.SelectMany(p => p.Value.Select(v => (RuleCondition)new FieldMatch(field, p.Key, [v]) { CaseSensitive = cased })));
            return parts.Count == 1 ? parts[0] : new AllOf(parts);
        }
        parts.AddRange(byOperator.Select(p => (RuleCondition)new FieldMatch(field, p.Key, p.Value) { CaseSensitive = cased }));
        return parts.Count == 1 ? parts[0] : new AnyOf(parts);
    }

    private static (MatchOperator, string) Translate(IReadOnlyList<string> modifiers, string value)
    {
        if (modifiers.Contains("re"))
        {
            var flags = string.Concat(modifiers.Where(m => m is "m" or "s"));
            return (MatchOperator.Regex, flags.Length > 0 ? $"(?{flags}){value}" : value);
        }
        if (modifiers.Contains("cidr"))
        {
            return (MatchOperator.Cidr, value);
        }
        foreach (var (name, op) in new[] { ("lt", MatchOperator.LessThan), ("lte", MatchOperator.LessOrEqual), ("gt", MatchOperator.GreaterThan), ("gte", MatchOperator.GreaterOrEqual) })
        {
            if (modifiers.Contains(name))
            {
                return (op, value);
            }
        }
        var leading = modifiers.Contains("contains") || modifiers.Contains("endswith");
        var trailing = modifiers.Contains("contains") || modifiers.Contains("startswith");
        return FromWildcards(value, leading, trailing);
    }

    // Sigma strings: * and ? are wildcards, a backslash escapes them.
    internal static (MatchOperator, string) FromWildcards(string value, bool anyPrefix, bool anySuffix)
    {
        var tokens = Tokenize(value);
        while (tokens.Count > 0 && ReferenceEquals(tokens[0], Star))
        {
            anyPrefix = true;
            tokens.RemoveAt(0);
        }
        while (tokens.Count > 0 && ReferenceEquals(tokens[^1], Star))
        {
            anySuffix = true;
            tokens.RemoveAt(tokens.Count - 1);
        }
        if (tokens.Count == 0)
        {
            return anyPrefix || anySuffix ? (MatchOperator.Exists, "") : (MatchOperator.Equals, "");
        }
        if (!tokens.Exists(t => ReferenceEquals(t, Star) || ReferenceEquals(t, Question)))
        {
            var literal = string.Concat(tokens);
            return (anyPrefix, anySuffix) switch
            {
                (true, true) => (MatchOperator.Contains, literal),
                (true, false) => (MatchOperator.EndsWith, literal),
                (false, true) => (MatchOperator.StartsWith, literal),
                _ => (MatchOperator.Equals, literal),
            };
        }
        var pattern = new StringBuilder(anyPrefix ? "" : "^");
        foreach (var token in tokens)
        {
            pattern.Append(ReferenceEquals(token, Star) ? ".*" : ReferenceEquals(token, Question) ? "." : Regex.Escape(token));
        }
        pattern.Append(anySuffix ? "" : "$");
        return (MatchOperator.Regex, pattern.ToString());
    }

    // Sentinels compared by reference so that an escaped "\*" (a literal star) is not taken for a wildcard.
    private static readonly string Star = new('*', 1);
    private static readonly string Question = new('?', 1);

    private static List<string> Tokenize(string value)
    {
        var tokens = new List<string>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
            {
                tokens.Add(literal.ToString());
                literal.Clear();
            }
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length && value[i + 1] is '*' or '?' or '\\')
            {
                literal.Append(value[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush();
                tokens.Add(c == '*' ? Star : Question);
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush();
        return tokens;
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, ConditionCompiler.RegexTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
