namespace MsspPortal.Core.Parsing;

// Walks "key=value key2=value with spaces" without allocating. A value runs until the space before the next
// unescaped "key=", so values may hold spaces and bare '=' ("this =has = equals"). Keys are word characters, dots,
// commas and brackets ("ad.field[0]", "ad.Error_,Code").
internal ref struct CefExtensionReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;
    private int _nextEq;
    private readonly bool _escapes;

    /// <param name="text">The extension.</param>
    /// <param name="mayHaveEscapes">False when the caller knows the text has no backslash: values then end at the
    /// next '=' found by a single-character search.</param>
    public CefExtensionReader(ReadOnlySpan<char> text, bool mayHaveEscapes = true)
    {
        _text = text.TrimStart(' ');
        _escapes = mayHaveEscapes;
        _position = 0;
        _nextEq = -1;
        Key = default;
        RawValue = default;
        HasKeylessValue = false;
        if (_text.IsEmpty)
        {
            return;
        }
        // The text must start with a key; anything else is a value without a key.
        var first = FindFirstKey(out var firstEq);
        HasKeylessValue = first != 0;
        if (first == 0)
        {
            _nextEq = firstEq; // the first key's '=' is already known
        }
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
        // The '=' of this key was found while ending the previous value; only the first key needs a search.
        var eq = _nextEq >= 0 ? _nextEq : _text[_position..].IndexOf('=') + _position;
        Key = _text[_position..eq];
        var next = FindNextKey(eq + 1);
        var valueEnd = next;
        while (valueEnd > eq + 1 && char.IsWhiteSpace(_text[valueEnd - 1]))
        {
            valueEnd--;
        }
        RawValue = _text[(eq + 1)..valueEnd];
        _position = next;
        return true;
    }

    // Index where the next key begins (an unescaped '=' preceded by key characters and whitespace), or the text
    // length.
    private int FindNextKey(int from)
    {
        var text = _text;
        for (var i = from; i < text.Length; i++)
        {
            var rel = _escapes ? text[i..].IndexOfAny('=', '\\') : text[i..].IndexOf('=');
            if (rel < 0)
            {
                break;
            }
            i += rel;
            if (text[i] == '\\')
            {
                i++; // whatever follows a backslash is escaped, so an '=' there cannot end the value
                continue;
            }
            var k = i - 1;
            while (k >= from && IsKeyChar(text[k]))
            {
                k--;
            }
            if (k + 1 < i && k >= from && char.IsWhiteSpace(text[k]))
            {
                _nextEq = i;
                return k + 1;
            }
        }
        _nextEq = -1;
        return text.Length;
    }

    // Index where the first key begins, or -1 when the text does not start with one. eq: The '=' that ends the
    // first key when the result is 0, else -1.
    private readonly int FindFirstKey(out int eq)
    {
        eq = -1;
        var i = 0;
        while (i < _text.Length)
        {
            var rel = _text[i..].IndexOf('=');
            if (rel < 0)
            {
                return _text.Length;
            }
            eq = i + rel;
            if (!IsEscaped(eq))
            {
                var k = eq - 1;
                while (k >= 0 && IsKeyChar(_text[k]))
                {
                    k--;
                }
                if (k + 1 == 0 && eq > 0)
                {
                    return 0;
                }
                eq = -1;
                return -1;
            }
            i = eq + 1;
            eq = -1;
        }
        return -1;
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

    private static bool IsKeyChar(char c) => c < 128 && KeyChars[c];

    // A table, not a chain of comparisons: every character of every key is tested on the hot path.
    private static readonly bool[] KeyChars = CreateKeyChars();

    private static bool[] CreateKeyChars()
    {
        var table = new bool[128];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = char.IsAsciiLetterOrDigit((char)c) || c is '_' or '.' or ',' or '[' or ']';
        }
        return table;
    }
}
