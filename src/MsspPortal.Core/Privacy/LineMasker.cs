using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace MsspPortal.Core.Privacy;

// Masks one log line by a tenant's policy before anything of it is stored. One left-to-right pass finds card numbers,
// resident ids (digit runs) and e-mail addresses ('@'); phone numbers and the tenant's own patterns run on its result.
// A line with nothing to mask comes back as the same string, without allocating.
public sealed class LineMasker
{
    // Shown instead of a line a tenant pattern could not finish on in time: keeping it unmasked is not an option.
    public const string WithheldLine = "[line withheld: a masking pattern timed out]";

    private const int MaxGroups = 12;

    private static readonly SearchValues<char> DigitsAndAt = SearchValues.Create("0123456789@");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private readonly MaskingPolicy _policy;
    private readonly IPseudonymizer? _pseudonymizer;
    private readonly IPhoneFinder? _phones;

    public LineMasker(MaskingPolicy policy, IPseudonymizer? pseudonymizer = null, IPhoneFinder? phones = null)
    {
        if (policy.Uses(MaskMode.Pseudonymize) && pseudonymizer is null)
        {
            throw new ArgumentException("Pseudonyms need the tenant's key.", nameof(pseudonymizer));
        }
        (_policy, _pseudonymizer, _phones) = (policy, pseudonymizer, phones);
    }

    public MaskingPolicy Policy => _policy;

    public string Mask(string line, MaskTally? tally = null)
    {
        if (_policy.IsOff || line.Length == 0)
        {
            return line;
        }
        var masked = _policy.Cards is not null || _policy.ResidentIds is not null || _policy.Emails is not null ? ScanDigitsAndAddresses(line, tally) : line;
        if (_policy.Phones is not null && _phones is not null && MayHoldPhone(masked))
        {
            masked = MaskPhones(masked, tally);
        }
        foreach (var pattern in _policy.Patterns)
        {
            try
            {
                masked = MaskPattern(masked, pattern, tally);
            }
            catch (RegexMatchTimeoutException)
            {
                tally?.AddWithheld();
                return WithheldLine;
            }
        }
        return masked;
    }

    private string ScanDigitsAndAddresses(string line, MaskTally? tally)
    {
        var span = line.AsSpan();
        StringBuilder? output = null;
        var copied = 0;
        var i = 0;
        while (i < span.Length)
        {
            var next = _policy.Cards is null && _policy.ResidentIds is null
                ? span[i..].IndexOf('@')
                : span[i..].IndexOfAny(_policy.Emails is not null ? DigitsAndAt : Digits);
            if (next < 0)
            {
                break;
            }
            var at = i + next;
            if (span[at] == '@')
            {
                if (_policy.Emails is null)
                {
                    i = at + 1;
                    continue;
                }
                if (TryAddress(span, at, out var start, out var end) && start >= copied)
                {
                    Replace(ref output, line, ref copied, start, end, PiiKind.Email, tally);
                    i = end;
                }
                else
                {
                    i = at + 1;
                }
                continue;
            }
            i = ScanDigitRun(line, at, ref output, ref copied, tally);
        }
        if (output is null)
        {
            return line;
        }
        output.Append(line, copied, line.Length - copied);
        return output.ToString();
    }

    // A run of digit groups from 'start' (single spaces or hyphens between groups, one kind of separator per run).
    // Returns where scanning goes on.
    private int ScanDigitRun(string line, int start, ref StringBuilder? output, ref int copied, MaskTally? tally)
    {
        var span = line.AsSpan();
        Span<int> groupStart = stackalloc int[MaxGroups];
        Span<int> groupEnd = stackalloc int[MaxGroups];
        var groups = 0;
        var separator = '\0';
        var p = start;
        while (true)
        {
            var end = p;
            while (end < span.Length && char.IsAsciiDigit(span[end]))
            {
                end++;
            }
            if (groups < MaxGroups)
            {
                (groupStart[groups], groupEnd[groups]) = (p, end);
                groups++;
            }
            p = end;
            if (p + 1 < span.Length && span[p] is ' ' or '-' && (separator == '\0' || span[p] == separator) && char.IsAsciiDigit(span[p + 1]))
            {
                separator = span[p];
                p++;
                continue;
            }
            break;
        }
        var runEnd = p;
        // Inside a word, a version, a decimal or a hex token: not a card or an id. Timestamps and counters start with 1
        // or 0 and fail the prefix rule below.
        if (start > 0 && (char.IsAsciiLetterOrDigit(span[start - 1]) || span[start - 1] is '.' or '_' or '+' or '/' or '\\'))
        {
            return runEnd;
        }
        if (runEnd < span.Length && (char.IsAsciiLetter(span[runEnd]) || span[runEnd] == '_') && !(_policy.ResidentIds is not null && runEnd - start == 17 && span[runEnd] is 'X' or 'x'))
        {
            return runEnd;
        }
        if (runEnd + 1 < span.Length && span[runEnd] == '.' && char.IsAsciiDigit(span[runEnd + 1]))
        {
            return runEnd;
        }

        // An 18-character resident id: 17 digits and a check digit or X, no separators.
        if (_policy.ResidentIds is not null && groups == 1)
        {
            var idEnd = runEnd - start == 17 && runEnd < span.Length && span[runEnd] is 'X' or 'x' ? runEnd + 1 : runEnd;
            if (idEnd - start == 18 && (idEnd == span.Length || !char.IsAsciiLetterOrDigit(span[idEnd])) && ResidentIdentity.IsValid(span[start..idEnd]))
            {
                Replace(ref output, line, ref copied, start, idEnd, PiiKind.ChineseResidentId, tally);
                return idEnd;
            }
        }
        if (_policy.Cards is null)
        {
            return runEnd;
        }
        // The longest stretch of whole groups that is a card: "port 443 4111 1111 1111 1111" still finds the card.
        for (var first = 0; first < groups; first++)
        {
            var digits = 0;
            var best = -1;
            for (var last = first; last < groups; last++)
            {
                digits += groupEnd[last] - groupStart[last];
                if (digits > 19)
                {
                    break;
                }
                if (digits >= 13 && IsCard(span[groupStart[first]..groupEnd[last]]))
                {
                    best = last;
                }
            }
            if (best >= 0)
            {
                var cardStart = groupStart[first];
                var cardEnd = groupEnd[best];
                if (cardStart >= copied)
                {
                    Replace(ref output, line, ref copied, cardStart, cardEnd, PiiKind.CardNumber, tally);
                }
                if (best == groups - 1)
                {
                    return runEnd;
                }
                first = best;
            }
        }
        return runEnd;
    }

    // Issuer digits 2–6 (Mastercard 2/5, Amex and JCB 3, Visa 4, Discover and UnionPay 6) and the Luhn check.
    private static bool IsCard(ReadOnlySpan<char> candidate) => candidate[0] is >= '2' and <= '6' && Luhn.IsValid(candidate);

    // local@domain.tld around the '@' at 'at'; the top-level domain has at least two letters.
    private static bool TryAddress(ReadOnlySpan<char> span, int at, out int start, out int end)
    {
        start = at;
        while (start > 0 && IsLocalChar(span[start - 1]))
        {
            start--;
        }
        end = at + 1;
        var lastDot = -1;
        while (end < span.Length && (char.IsAsciiLetterOrDigit(span[end]) || span[end] is '-' or '.'))
        {
            if (span[end] == '.')
            {
                lastDot = end;
            }
            end++;
        }
        // A trailing dot ends the sentence, not the domain.
        while (end > at + 1 && span[end - 1] == '.')
        {
            end--;
            lastDot = span[(at + 1)..end].LastIndexOf('.') is var d and >= 0 ? at + 1 + d : -1;
        }
        if (start == at || lastDot <= at + 1 || end - lastDot - 1 < 2)
        {
            return false;
        }
        foreach (var c in span[(lastDot + 1)..end])
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }
        // A first label of digits only is a structured-data id (RFC 5424 "origin@32473.iut") or an address, not a mail domain.
        var firstLabel = span[(at + 1)..end];
        firstLabel = firstLabel[..Math.Max(0, firstLabel.IndexOf('.'))];
        if (firstLabel.IsEmpty || !firstLabel.ContainsAnyExcept(Digits))
        {
            return false;
        }
        // Skip leading dots of the local part ("...john@x.com" in a truncated message).
        while (start < at && span[start] == '.')
        {
            start++;
        }
        return start < at;
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    // International numbers start with '+'; national formats only when the tenant opted into a region.
    private bool MayHoldPhone(string line)
    {
        if (_policy.PhoneRegions.Count > 0)
        {
            return line.AsSpan().IndexOfAny(Digits) >= 0;
        }
        var plus = line.IndexOf('+', StringComparison.Ordinal);
        while (plus >= 0)
        {
            if (plus + 1 < line.Length && char.IsAsciiDigit(line[plus + 1]))
            {
                return true;
            }
            plus = line.IndexOf('+', plus + 1);
        }
        return false;
    }

    private string MaskPhones(string line, MaskTally? tally)
    {
        var found = _phones!.Find(line, _policy.PhoneRegions);
        if (found.Count == 0)
        {
            return line;
        }
        StringBuilder? output = null;
        var copied = 0;
        foreach (var (start, length) in found.OrderBy(f => f.Start))
        {
            if (start >= copied && start + length <= line.Length)
            {
                Replace(ref output, line, ref copied, start, start + length, PiiKind.Phone, tally);
            }
        }
        output!.Append(line, copied, line.Length - copied);
        return output.ToString();
    }

    private string MaskPattern(string line, TenantPattern pattern, MaskTally? tally)
    {
        if (!pattern.Regex.IsMatch(line))
        {
            return line;
        }
        return pattern.Regex.Replace(line, m =>
        {
            tally?.Add(PiiKind.TenantPattern);
            return _policy.PatternMode == MaskMode.Pseudonymize
                ? $"[{pattern.Name}:{_pseudonymizer!.Pseudonym(PiiKind.TenantPattern, pattern.Name + ":" + m.Value)}]"
                : $"[{pattern.Name}]";
        });
    }

    private void Replace(ref StringBuilder? output, string line, ref int copied, int start, int end, PiiKind kind, MaskTally? tally)
    {
        output ??= new StringBuilder(line.Length);
        output.Append(line, copied, start - copied);
        var value = line.AsSpan(start, end - start);
        switch (_policy.ModeOf(kind))
        {
            case MaskMode.Pseudonymize:
                output.Append('[').Append(Label(kind)).Append(':').Append(_pseudonymizer!.Pseudonym(kind, Normalise(kind, value))).Append(']');
                break;
            case MaskMode.Redact:
                output.Append('[').Append(Label(kind)).Append(']');
                break;
            default:
                Truncate(output, kind, value);
                break;
        }
        copied = end;
        tally?.Add(kind);
    }

    // Cards keep the first 6 and last 4 digits (PCI DSS 3.4.1, never the first 8); resident ids their region code;
    // e-mails their domain; phone numbers their first 3 and last 2 digits. Separators stay where they were.
    private static void Truncate(StringBuilder output, PiiKind kind, ReadOnlySpan<char> value)
    {
        switch (kind)
        {
            case PiiKind.Email:
                output.Append("***").Append(value[value.IndexOf('@')..]);
                return;
            case PiiKind.ChineseResidentId:
                output.Append(value[..6]).Append('*', value.Length - 6);
                return;
        }
        var (keepFirst, keepLast) = kind == PiiKind.CardNumber ? (6, 4) : (3, 2);
        var total = 0;
        foreach (var c in value)
        {
            total += char.IsAsciiDigit(c) ? 1 : 0;
        }
        var seen = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                output.Append(c);
                continue;
            }
            seen++;
            output.Append(seen <= keepFirst || seen > total - keepLast ? c : '*');
        }
    }

    private static string Normalise(PiiKind kind, ReadOnlySpan<char> value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (kind == PiiKind.Email)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }
        return builder.ToString();
    }

    private static string Label(PiiKind kind) => kind switch
    {
        PiiKind.CardNumber => "card",
        PiiKind.Email => "email",
        PiiKind.Phone => "phone",
        PiiKind.ChineseResidentId => "cnid",
        _ => "pattern",
    };
}
