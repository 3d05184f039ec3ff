using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection;

/// <summary>Turns a <see cref="RuleCondition"/> into a delegate, choosing the cheapest test for each leaf.</summary>
public static class ConditionCompiler
{
    /// <summary>Regexes come from rule authors, some of them third parties: bound their cost per event.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    // Above this many values a hash lookup beats a linear scan of OrdinalIgnoreCase comparisons.
    private const int HashSetThreshold = 6;

    public static Func<NormalizedEvent, bool> Compile(RuleCondition condition) => condition switch
    {
        Always => static _ => true,
        FieldMatch match => CompileMatch(match),
        Negation not => Negate(Compile(not.Inner)),
        AllOf all => CompileAll([.. all.Parts.Select(Compile)]),
        AnyOf any => CompileAny([.. any.Parts.Select(Compile)]),
        _ => throw new NotSupportedException($"Unknown condition {condition.GetType().Name}."),
    };

    private static Func<NormalizedEvent, bool> Negate(Func<NormalizedEvent, bool> inner) => e => !inner(e);

    private static Func<NormalizedEvent, bool> CompileAll(Func<NormalizedEvent, bool>[] parts) => parts.Length switch
    {
        0 => static _ => true,
        1 => parts[0],
        2 => Both(parts[0], parts[1]),
        _ => e =>
        {
            foreach (var part in parts)
            {
                if (!part(e))
                {
                    return false;
                }
            }
            return true;
        },
    };

    private static Func<NormalizedEvent, bool> Both(Func<NormalizedEvent, bool> a, Func<NormalizedEvent, bool> b) => e => a(e) && b(e);

    private static Func<NormalizedEvent, bool> CompileAny(Func<NormalizedEvent, bool>[] parts) => parts.Length switch
    {
        0 => static _ => false,
        1 => parts[0],
        _ => e =>
        {
            foreach (var part in parts)
            {
                if (part(e))
                {
                    return true;
                }
            }
            return false;
        },
    };

    private static Func<NormalizedEvent, bool> CompileMatch(FieldMatch match)
    {
        var get = FieldAccessor.Compile(match.Field);
        if (match.Operator == MatchOperator.Exists)
        {
            return e => !string.IsNullOrEmpty(get(e));
        }
        var test = CompileValueTest(match);
        return e => get(e) is { } value && test(value);
    }

    internal static Func<string, bool> CompileValueTest(FieldMatch match)
    {
        var comparison = match.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var values = match.Values.ToArray();
        if (match.Operator == MatchOperator.Equals && !match.MatchAll && values.Length >= HashSetThreshold)
        {
            var set = new HashSet<string>(values, match.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            return set.Contains;
        }

        Func<string, string, bool>? textTest = match.Operator switch
        {
            MatchOperator.Equals => (v, x) => string.Equals(v, x, comparison),
            MatchOperator.Contains => (v, x) => v.Contains(x, comparison),
            MatchOperator.StartsWith => (v, x) => v.StartsWith(x, comparison),
            MatchOperator.EndsWith => (v, x) => v.EndsWith(x, comparison),
            _ => null,
        };
        if (textTest is not null)
        {
            return Combine(values.Length, match.MatchAll, (v, i) => textTest(v, values[i]));
        }

        switch (match.Operator)
        {
            case MatchOperator.Regex:
                var options = RegexOptions.Compiled | RegexOptions.CultureInvariant | (match.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
                var regexes = values.Select(p => new Regex(p, options, RegexTimeout)).ToArray();
                return Combine(regexes.Length, match.MatchAll, (v, i) => SafeIsMatch(regexes[i], v));
            case MatchOperator.Cidr:
                var ranges = values.Select(CidrRange.Parse).ToArray();
                return v => IPAddress.TryParse(v, out var address) && InRanges(ranges, address, match.MatchAll);
            case MatchOperator.LessThan or MatchOperator.LessOrEqual or MatchOperator.GreaterThan or MatchOperator.GreaterOrEqual:
                var limits = values.Select(x => double.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                var op = match.Operator;
                return Combine(limits.Length, match.MatchAll, (v, i) => CompareNumber(v, op, limits[i]));
            default:
                throw new NotSupportedException($"Operator {match.Operator} is not supported.");
        }
    }

    private static Func<string, bool> Combine(int count, bool all, Func<string, int, bool> test)
    {
        if (count == 1)
        {
            return v => test(v, 0);
        }
        return v =>
        {
            for (var i = 0; i < count; i++)
            {
                if (test(v, i) != all)
                {
                    return !all;
                }
            }
            return all;
        };
    }

    private static bool InRanges(CidrRange[] ranges, IPAddress address, bool all)
    {
        foreach (var range in ranges)
        {
            if (range.Contains(address) != all)
            {
                return !all;
            }
        }
        return all;
    }

    private static bool CompareNumber(string text, MatchOperator op, double limit)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        return op switch
        {
            MatchOperator.LessThan => number < limit,
            MatchOperator.LessOrEqual => number <= limit,
            MatchOperator.GreaterThan => number > limit,
            _ => number >= limit,
        };
    }

    private static bool SafeIsMatch(Regex regex, string value)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological input must not stall ingestion; a timed-out test counts as no match.
            return false;
        }
    }
}
