using System.Collections.Concurrent;

namespace MsspPortal.Core.Parsing;

// One shared string per distinct short value that repeats on every line of a source (CEF vendor and product, host
// names, field names built from keys): a lookup by span replaces an allocation per line. Thread-safe. The values
// come from log lines, which attackers control: the pool stops growing at a bound and then simply allocates, so it
// never holds more than maxEntries strings of maxLength characters.
internal sealed class StringPool
{
    // CEF/LEEF header values and syslog host and app names.
    internal static readonly StringPool Values = new(4096, 64, 0);

    // Field names derived from keys in the line ("cef.&lt;key&gt;", "syslog.sd.&lt;id&gt;.&lt;name&gt;").
    internal static readonly StringPool FieldNames = new(4096, 128, 1);

    // A few recent strings per thread, in front of the shared dictionary: a source repeats the same values line after
    // line, and comparing one slot costs less than the concurrent dictionary's hashing. Each pool has its own part.
    private const int RecentSlots = 256;

    private const int Pools = 2;

    [ThreadStatic]
    private static string?[]? t_recent;

    private readonly int _recentBase;
    private readonly int _maxEntries;
    private readonly int _maxLength;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _count;

    private StringPool(int maxEntries, int maxLength, int recentPart)
    {
        _recentBase = recentPart * RecentSlots;
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
        var recent = t_recent ??= new string?[RecentSlots * Pools];
        var slot = _recentBase + RecentSlot(value);
        if (recent[slot] is { } last && value.SequenceEqual(last))
        {
            return last;
        }
        if (_bySpan.TryGetValue(value, out var pooled))
        {
            recent[slot] = pooled;
            return pooled;
        }
        var created = value.ToString();
        // A counter, not _strings.Count: ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref _count) < _maxEntries && _strings.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }
        // Kept in the thread's slot even past the bound: the next line of the same source finds it there.
        recent[slot] = created;
        return created;
    }

    // A slot from the length and three characters: cheap, and enough to tell a source's few values apart.
    internal static int RecentSlot(ReadOnlySpan<char> value) => value.IsEmpty
        ? 0
        : ((value.Length * 31) ^ (value[0] * 7) ^ (value[^1] * 131) ^ (value[value.Length / 2] * 17)) & (RecentSlots - 1);

    // The pooled string for prefix + value, built without allocating when pooled.
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
