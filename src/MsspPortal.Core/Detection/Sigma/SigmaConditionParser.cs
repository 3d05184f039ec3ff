using System.Text.RegularExpressions;

namespace MsspPortal.Core.Detection.Sigma;

// Sigma's condition language: identifiers, and / or / not, parentheses, 1 of x* , all of x* , 1 of them , all of
// them . Precedence: not, then and, then or. Anything else is an error, never a guess.
internal sealed class SigmaConditionParser
{
    private readonly List<string> _tokens;
    private readonly IReadOnlyDictionary<string, RuleCondition> _selections;
    private readonly List<string> _errors;
    private int _position;

    private SigmaConditionParser(string condition, IReadOnlyDictionary<string, RuleCondition> selections, List<string> errors)
    {
        _tokens = Tokenize(condition);
        _selections = selections;
        _errors = errors;
    }

    public static RuleCondition? Parse(string condition, IReadOnlyDictionary<string, RuleCondition> selections, List<string> errors)
    {
        var parser = new SigmaConditionParser(condition, selections, errors);
        var before = errors.Count;
        var result = parser.ParseOr();
        if (parser._position < parser._tokens.Count && errors.Count == before)
        {
            errors.Add($"condition '{condition}': unexpected '{parser._tokens[parser._position]}'");
        }
        return errors.Count == before ? result : null;
    }

    private RuleCondition? ParseOr()
    {
        var parts = new List<RuleCondition?> { ParseAnd() };
        while (Accept("or"))
        {
            parts.Add(ParseAnd());
        }
        return Combine(parts, all: false);
    }

    private RuleCondition? ParseAnd()
    {
        var parts = new List<RuleCondition?> { ParseNot() };
        while (Accept("and"))
        {
            parts.Add(ParseNot());
        }
        return Combine(parts, all: true);
    }

    private RuleCondition? ParseNot() => Accept("not") ? ParseNot() is { } inner ? RuleCondition.Negate(inner) : null : ParsePrimary();

    private RuleCondition? ParsePrimary()
    {
        if (_position >= _tokens.Count)
        {
            _errors.Add("condition ends too early");
            return null;
        }
        var token = _tokens[_position++];
        if (token == "(")
        {
            var inner = ParseOr();
            if (!Accept(")"))
            {
                _errors.Add("condition: missing ')'");
                return null;
            }
            return inner;
        }
        if (token.Equals("near", StringComparison.OrdinalIgnoreCase))
        {
            _errors.Add("condition: 'near' is not supported");
            return null;
        }
        if ((token == "1" || token.Equals("any", StringComparison.OrdinalIgnoreCase) || token.Equals("all", StringComparison.OrdinalIgnoreCase)) && Accept("of"))
        {
            return ParseQuantifier(all: !(token == "1" || token.Equals("any", StringComparison.OrdinalIgnoreCase)));
        }
        if (Regex.IsMatch(token, "^[0-9]+$", RegexOptions.None, ConditionCompiler.RegexTimeout) && Accept("of"))
        {
            _errors.Add($"condition: '{token} of' is not supported (only '1 of' and 'all of')");
            return null;
        }
        if (_selections.TryGetValue(token, out var selection))
        {
            return selection;
        }
        _errors.Add($"condition: unknown identifier '{token}'");
        return null;
    }

    private RuleCondition? ParseQuantifier(bool all)
    {
        if (_position >= _tokens.Count)
        {
            _errors.Add("condition: 'of' needs a target");
            return null;
        }
        var target = _tokens[_position++];
        var names = target.Equals("them", StringComparison.OrdinalIgnoreCase)
            ? _selections.Keys.Where(k => !k.StartsWith('_')).ToList()
            : _selections.Keys.Where(k => GlobMatches(target, k)).ToList();
        if (names.Count == 0)
        {
            _errors.Add($"condition: '{target}' names no selection");
            return null;
        }
        var parts = names.Select(n => _selections[n]).ToList();
        return parts.Count == 1 ? parts[0] : all ? new AllOf(parts) : new AnyOf(parts);
    }

    private static bool GlobMatches(string pattern, string name)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.None, ConditionCompiler.RegexTimeout);
    }

    private bool Accept(string keyword)
    {
        if (_position < _tokens.Count && _tokens[_position].Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }
        return false;
    }

    private static RuleCondition? Combine(List<RuleCondition?> parts, bool all)
    {
        if (parts.Exists(p => p is null))
        {
            return null;
        }
        if (parts.Count == 1)
        {
            return parts[0];
        }
        var present = parts.ConvertAll(p => p!);
        return all ? new AllOf(present) : new AnyOf(present);
    }

    private static List<string> Tokenize(string condition)
    {
        var tokens = new List<string>();
        foreach (var word in condition.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal)
                     .Split(' ', '\t', '\n', '\r'))
        {
            if (word.Length > 0)
            {
                tokens.Add(word);
            }
        }
        return tokens;
    }
}
