using System.Collections.Concurrent;

namespace MsspPortal.Core.Parsing;

/// <summary>
/// One string per distinct CEF/LEEF header value (vendor, product, version): a source repeats the same few on
/// every line, so a lookup by span replaces an allocation per field per line.
/// </summary>
internal static class HeaderStrings
{
    // Header text is attacker-controlled: past this many distinct values, strings are simply allocated.
    private const int MaxEntries = 4096;
    private const int MaxLength = 64;

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int s_count;

    internal static string Get(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxLength)
        {
            return value.ToString();
        }
        if (BySpan.TryGetValue(value, out var cached))
        {
            return cached;
        }
        var created = value.ToString();
        if (Volatile.Read(ref s_count) < MaxEntries && Cache.TryAdd(created, created))
        {
            Interlocked.Increment(ref s_count);
        }
        return created;
    }
}
