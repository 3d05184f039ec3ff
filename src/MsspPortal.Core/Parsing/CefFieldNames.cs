namespace MsspPortal.Core.Parsing;

// "cef.&lt;key&gt;" field names, created once: building the name per line would be one more allocation for every
// pair that has no ECS property. The keys devices commonly send are known up front; other keys and custom labels
// come from FieldNames, because they too repeat on every line of a source.
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

    private static readonly Dictionary<string, string> Names = KnownKeys.ToDictionary(k => k, k => "cef." + k, StringComparer.Ordinal);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByKey = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    // The names of a thread's recent keys: one slot compare instead of hashing the key for the dictionary.
    [ThreadStatic]
    private static string?[]? t_recent;

    internal static string For(ReadOnlySpan<char> key)
    {
        var recent = t_recent ??= new string?[256];
        var slot = StringPool.RecentSlot(key);
        if (recent[slot] is { } last && last.AsSpan(4).SequenceEqual(key))
        {
            return last;
        }
        var name = ByKey.TryGetValue(key, out var known) ? known : StringPool.FieldNames.Get("cef.", key);
        recent[slot] = name;
        return name;
    }
}
