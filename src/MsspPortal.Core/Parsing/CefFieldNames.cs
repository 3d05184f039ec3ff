using System.Collections.Concurrent;

namespace MsspPortal.Core.Parsing;

/// <summary>
/// "cef.&lt;key&gt;" field names, created once: building the name per line would be one more allocation for every
/// pair that has no ECS property. The keys devices commonly send are known up front; other keys and custom
/// labels are remembered as they are seen, up to a bound, because they too repeat on every line of a source.
/// </summary>
internal static class CefFieldNames
{
    private static readonly string[] KnownKeys =
    [
        "cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cn1", "cn2", "cn3", "cfp1", "cfp2", "cfp3", "cfp4", "c6a1", "c6a2", "c6a3", "c6a4",
        "flexString1", "flexString2", "flexNumber1", "flexNumber2", "flexDate1", "deviceCustomDate1", "deviceCustomDate2",
        "cat", "deviceExternalId", "externalId", "app", "cnt", "deviceSeverity", "dtz", "art", "ahost", "agt", "amac", "av", "at", "aid",
        "atz", "dvcpid", "deviceFacility", "deviceInboundInterface", "deviceOutboundInterface", "sourceTranslatedAddress",
        "destinationTranslatedAddress", "sourceTranslatedPort", "destinationTranslatedPort", "smac", "dmac", "in", "out", "reason",
        "requestContext", "requestCookies", "fileId", "fileSize", "fileType", "oldFileName", "eventId", "deviceDirection", "sntdom",
        "dntdom", "spriv", "dpriv", "suid", "duid", "spid", "dpid", "deviceProduct", "deviceVendor", "msg", "fsize", "oldFilePath",
        "sourceServiceName", "destinationServiceName", "deviceZoneURI", "sourceZoneURI", "destinationZoneURI", "agentZoneURI", "outcome",
    ];

    // Keys are attacker-controlled: past this many, new names are built per line instead of growing the cache.
    private const int MaxSeen = 4096;

    private static readonly Dictionary<string, string> Names = KnownKeys.ToDictionary(k => k, k => "cef." + k, StringComparer.Ordinal);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByKey = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly ConcurrentDictionary<string, string> Seen = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SeenByKey = Seen.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int s_seenCount;

    internal static string For(ReadOnlySpan<char> key)
    {
        if (ByKey.TryGetValue(key, out var name) || SeenByKey.TryGetValue(key, out name))
        {
            return name;
        }
        name = string.Concat("cef.", key);
        // A counter, not Seen.Count: ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref s_seenCount) < MaxSeen && SeenByKey.TryAdd(key, name))
        {
            Interlocked.Increment(ref s_seenCount);
        }
        return name;
    }
}
