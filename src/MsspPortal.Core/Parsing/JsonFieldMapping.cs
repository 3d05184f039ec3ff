namespace MsspPortal.Core.Parsing;

/// <summary>
/// Maps ECS field names (e.g. "source.ip", "@timestamp", "user.name") to JSON paths ("a.b.c") for a JSON source
/// that is not one of the built-in dialects. A path segment may itself contain dots when the JSON key does
/// (Zeek's "id.orig_h"): the longest key that exists wins.
/// </summary>
public sealed class JsonFieldMapping
{
    public JsonFieldMapping(IReadOnlyDictionary<string, string> ecsFieldToPath)
    {
        ArgumentNullException.ThrowIfNull(ecsFieldToPath);
        Paths = new Dictionary<string, string>(ecsFieldToPath, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Paths { get; }
}
