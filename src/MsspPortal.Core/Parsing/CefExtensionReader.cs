namespace MsspPortal.Core.Parsing;

/// <summary>
/// Walks "key=value key2=value with spaces" without allocating. A value runs until the space before the next
/// unescaped "key=", so values may hold spaces and bare '=' ("this =has = equals"). Keys are word characters,
/// dots, commas and brackets ("ad.field[0]", "ad.Error_,Code").
/// </summary>
internal ref struct CefExtensionReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public CefExtensionReader(ReadOnlySpan<char> text)
    {
        _text = text.TrimStart(' ');
        _position = 0;
        Key = default;
        RawValue = default;
        HasKeylessValue = false;
        if (_text.IsEmpty)
        {
            return;
        }
        // The text must start with a key; anything else is a value without a key.
        var first = FindKeyStart(0, requireSpace: false);
        HasKeylessValue = first != 0;
    }

    public ReadOnlySpan<char> Key { get; private set; }

    /// <summary>The value still escaped; see <see cref="CefParser.UnescapeValue"/>.</summary>
    public ReadOnlySpan<char> RawValue { get; private set; }

    public bool HasKeylessValue { get; }

    public bool MoveNext()
    {
        if (HasKeylessValue || _position >= _text.Length)
        {
            return false;
        }
        var eq = _text[_position..].IndexOf('=') + _position;
        Key = _text[_position..eq];
        var next = FindKeyStart(eq + 1, requireSpace: true);
        var valueEnd = next;
        while (valueEnd > eq + 1 && char.IsWhiteSpace(_text[valueEnd - 1]))
        {
            valueEnd--;
        }
        RawValue = _text[(eq + 1)..valueEnd];
        _position = next;
        return true;
    }

    /// <summary>Index where the next key begins, or the text length.</summary>
    private readonly int FindKeyStart(int from, bool requireSpace)
    {
        var i = from;
        while (i < _text.Length)
        {
            var rel = _text[i..].IndexOf('=');
            if (rel < 0)
            {
                return _text.Length;
            }
            var eq = i + rel;
            if (!IsEscaped(eq))
            {
                var k = eq - 1;
                while (k >= from && IsKeyChar(_text[k]))
                {
                    k--;
                }
                var keyStart = k + 1;
                if (keyStart < eq)
                {
                    if (!requireSpace)
                    {
                        return keyStart == from ? keyStart : -1;
                    }
                    if (k >= from && char.IsWhiteSpace(_text[k]))
                    {
                        return keyStart;
                    }
                }
                else if (!requireSpace)
                {
                    return -1;
                }
            }
            i = eq + 1;
        }
        return requireSpace ? _text.Length : -1;
    }

    private readonly bool IsEscaped(int index)
    {
        var backslashes = 0;
        for (var j = index - 1; j >= 0 && _text[j] == '\\'; j--)
        {
            backslashes++;
        }
        return (backslashes & 1) == 1;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ',' or '[' or ']';
}
