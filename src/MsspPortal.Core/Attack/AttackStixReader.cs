using System.Text.Json;

namespace MsspPortal.Core.Attack;

// Reads MITRE's enterprise-attack.json: attack-pattern and x-mitre-tactic objects, skipping revoked and deprecated
// ones; tactic order comes from the x-mitre-matrix object, else from the Enterprise order we know.
internal static class AttackStixReader
{
    public static AttackCatalog Read(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("objects", out var objects))
        {
            throw new FormatException("Not a STIX bundle: no 'objects' array.");
        }
        var tactics = new List<(string StixId, string Id, string Name, string ShortName)>();
        var patterns = new List<(string Id, string Name, List<string> Phases)>();
        List<string>? matrixOrder = null;
        foreach (var item in objects.EnumerateArray())
        {
            if (Flag(item, "revoked") || Flag(item, "x_mitre_deprecated"))
            {
                continue;
            }
            switch (Text(item, "type"))
            {
                case "x-mitre-tactic" when MitreId(item) is { } tacticId:
                    tactics.Add((Text(item, "id") ?? "", tacticId, Text(item, "name") ?? tacticId, Text(item, "x_mitre_shortname") ?? ""));
                    break;
                case "attack-pattern" when MitreId(item) is { } techniqueId:
                    var phases = new List<string>();
                    if (item.TryGetProperty("kill_chain_phases", out var chain))
                    {
                        phases.AddRange(chain.EnumerateArray()
                            .Where(p => Text(p, "kill_chain_name") == "mitre-attack")
                            .Select(p => Text(p, "phase_name")).OfType<string>());
                    }
                    patterns.Add((techniqueId, Text(item, "name") ?? techniqueId, phases));
                    break;
                case "x-mitre-matrix" when item.TryGetProperty("tactic_refs", out var refs):
                    matrixOrder = [.. refs.EnumerateArray().Select(r => r.GetString()).OfType<string>()];
                    break;
            }
        }

        var known = AttackCatalog.EnterpriseTactics.ToDictionary(t => t.Id, t => t.Order, StringComparer.OrdinalIgnoreCase);
        int OrderOf((string StixId, string Id, string Name, string ShortName) t) =>
            matrixOrder?.IndexOf(t.StixId) is >= 0 and var i ? i : known.GetValueOrDefault(t.Id, 100);
        var ordered = tactics.OrderBy(OrderOf).Select((t, i) => new AttackTactic(t.Id, t.Name, t.ShortName, i)).ToList();
        var byShortName = ordered.ToDictionary(t => t.ShortName, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var techniques = patterns.Select(p => new AttackTechnique(p.Id, p.Name,
            [.. p.Phases.Select(byShortName.GetValueOrDefault).OfType<string>().OrderBy(id => ordered.FindIndex(t => t.Id == id))]));
        return new AttackCatalog(ordered, techniques);
    }

    private static string? MitreId(JsonElement item)
    {
        if (!item.TryGetProperty("external_references", out var references))
        {
            return null;
        }
        foreach (var reference in references.EnumerateArray())
        {
            if (Text(reference, "source_name") == "mitre-attack" && Text(reference, "external_id") is { } id)
            {
                return id;
            }
        }
        return null;
    }

    private static bool Flag(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
