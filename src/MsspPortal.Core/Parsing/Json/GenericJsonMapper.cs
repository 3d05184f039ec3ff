using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// Any other JSON: a configured ECS → path mapping, or common field names when none is configured.
internal static class GenericJsonMapper
{
    private static readonly (string Ecs, string Path)[] CommonNames =
    [
        ("@timestamp", "@timestamp"), ("@timestamp", "timestamp"), ("@timestamp", "time"), ("@timestamp", "ts"),
        ("source.ip", "source.ip"), ("source.ip", "src_ip"), ("source.ip", "src"), ("destination.ip", "destination.ip"),
        ("destination.ip", "dest_ip"), ("destination.ip", "dst"), ("user.name", "user.name"), ("user.name", "user"),
        ("user.name", "username"), ("host.name", "host.name"), ("host.name", "hostname"), ("host.name", "host"),
        ("message", "message"), ("message", "msg"), ("event.action", "event.action"), ("event.action", "action"),
        // An application that already logs in ECS names (an order service, a card switch) needs no mapping for them.
        ("event.category", "event.category"), ("event.outcome", "event.outcome"), ("source.geo.country_iso_code", "source.geo.country_iso_code"),
        ("destination.port", "destination.port"), ("source.port", "source.port"),
    ];

    internal static void Map(JsonElement root, JsonFieldMapping mapping, ParseOptions options, NormalizedEvent ev)
    {
        foreach (var (ecs, path) in mapping.Paths)
        {
            if (TryResolve(root, path, out var value) && JsonLogParser.Text(value) is { } text)
            {
                EcsFields.Set(ev, ecs, text, options);
            }
        }
    }

    internal static void MapCommonNames(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        var timeSet = false;
        foreach (var (ecs, path) in CommonNames)
        {
            var pending = ecs == "@timestamp" ? !timeSet : ev.Get(ecs) is null;
            if (pending && TryResolve(root, path, out var value) && JsonLogParser.Text(value) is { } text
                && EcsFields.Set(ev, ecs, text, options) && ecs == "@timestamp")
            {
                timeSet = true;
            }
        }
    }

    // Follows "a.b.c", preferring the longest key that exists at each level ("id.orig_h" as one key).
    internal static bool TryResolve(JsonElement element, string path, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        if (element.TryGetProperty(path, out value))
        {
            return true;
        }
        for (var dot = path.LastIndexOf('.'); dot > 0; dot = path.LastIndexOf('.', dot - 1))
        {
            if (element.TryGetProperty(path[..dot], out var child) && TryResolve(child, path[(dot + 1)..], out value))
            {
                return true;
            }
        }
        return false;
    }
}
