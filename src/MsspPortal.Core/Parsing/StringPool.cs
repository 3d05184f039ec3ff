using System.Collections.Concurrent;

namespace MsspPortal.Core.Parsing;

/// <summary>
/// One shared string per distinct short value that repeats on every line of a source (CEF vendor and product,
/// host names, field names built from keys): a lookup by span replaces an allocation per line. Thread-safe.
/// </summary>
/// <remarks>The values come from log lines, which attackers control: the pool stops growing at a bound and
/// then simply allocates, so it never holds more than maxEntries strings of maxLength characters.</remarks>
internal sealed class StringPool
{
    /// <summary>CEF/LEEF header values and syslog host and app names.</summary>
    internal static readonly StringPool Values = new(4096, 64);

    /// <summary>Field names derived from keys in the line ("cef.&lt;key&gt;", "syslog.sd.&lt;id&gt;.&lt;name&gt;").</summary>
    internal static readonly StringPool FieldNames = new(4096, 128);

    private readonly int _maxEntries;
    private readonly int _maxLength;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _count;

    private StringPool(int maxEntries, int maxLength)
    {
        _maxEntries = maxEntries;
        _maxLength = maxLength;
        _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    internal string Get(ReadOnlySpan<char> value)
    {
        if (value.Length > _maxLength)
        {
            return value.ToString();
        }
        if (_bySpan.TryGetValue(value, out var pooled))
        {
            return pooled;
        }
        var created = value.ToString();
        // A counter, not _strings.Count: ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref _count) < _maxEntries && _strings.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }
        return created;
    }

    /// <summary>The pooled string for <paramref name="prefix"/> + <paramref name="value"/>, built without allocating when pooled.</summary>
    internal string Get(string prefix, ReadOnlySpan<char> value)
    {
        var length = prefix.Length + value.Length;
        if (length > _maxLength)
        {
            return string.Concat(prefix, value);
        }
        Span<char> buffer = stackalloc char[length];
        prefix.AsSpan().CopyTo(buffer);
        value.CopyTo(buffer[prefix.Length..]);
        return Get(buffer);
    }
}
