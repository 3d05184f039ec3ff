using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;

// The compliance frameworks the portal ships, read once from the JSON files beside this class (embedded resources).
// Each file says where its content comes from, under which licence, and whether it carries the framework's text or
// only its ids with our own short labels (PCI DSS, ISO/IEC 27001, GB/T 22239 are copyrighted: ids only; a tenant may
// import its licensed copy of their texts, shown only to that tenant).
public sealed class FrameworkCatalog
{
    private const string ResourcePrefix = "MsspPortal.Web.Features.Compliance.Frameworks.Catalogs.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly FrozenDictionary<string, FrameworkDefinition> _byId;

    public FrameworkCatalog(IEnumerable<FrameworkDefinition> frameworks)
    {
        All = frameworks.OrderBy(f => f.Title, StringComparer.Ordinal).ToArray();
        _byId = All.ToFrozenDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<FrameworkDefinition> All { get; }

    public FrameworkDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    public static FrameworkCatalog LoadEmbedded()
    {
        var assembly = typeof(FrameworkCatalog).Assembly;
        var frameworks = new List<FrameworkDefinition>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            frameworks.Add(Parse(buffer.ToArray(), name));
        }
        return new FrameworkCatalog(frameworks);
    }

    public static FrameworkDefinition Parse(byte[] utf8Json, string origin)
    {
        var file = JsonSerializer.Deserialize<FrameworkFile>(utf8Json, Json)
            ?? throw new InvalidDataException($"{origin}: empty framework file");
        if (string.IsNullOrWhiteSpace(file.Id) || file.Controls is not { Count: > 0 })
        {
            throw new InvalidDataException($"{origin}: a framework needs an id and controls");
        }
        var duplicate = file.Controls.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{origin}: control {duplicate.Key} appears twice");
        }
        var duplicateGroup = (file.Groups ?? []).GroupBy(g => g.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicateGroup is not null)
        {
            throw new InvalidDataException($"{origin}: group {duplicateGroup.Key} appears twice");
        }
        var groups = (file.Groups ?? []).ToDictionary(g => g.Id, StringComparer.OrdinalIgnoreCase);
        var orphanGroup = groups.Values.FirstOrDefault(g => g.Parent is not null && !groups.ContainsKey(g.Parent));
        if (orphanGroup is not null)
        {
            throw new InvalidDataException($"{origin}: group {orphanGroup.Id} names an unknown parent {orphanGroup.Parent}");
        }
        var orphanControl = file.Controls.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Label) || (groups.Count > 0 && !groups.ContainsKey(c.Group)));
        if (orphanControl is not null)
        {
            throw new InvalidDataException($"{origin}: control {orphanControl.Id} has no label or an unknown group {orphanControl.Group}");
        }
        if (file.Text == FrameworkText.IdsOnly && file.Controls.Any(c => c.Text is not null))
        {
            // A licensed text must never ship by accident: ids-only files carry labels, not text.
            throw new InvalidDataException($"{origin}: an ids-only framework carries control text");
        }
        return new FrameworkDefinition(
            file.Id, file.Title, file.Version, file.Publisher, file.Source, file.Licence, file.Text, file.Notes ?? "",
            Convert.ToHexStringLower(SHA256.HashData(utf8Json)),
            file.Groups ?? [], file.Controls);
    }

    private sealed record FrameworkFile(
        string Id, string Title, string Version, string Publisher, string Source, string Licence, FrameworkText Text,
        string? Notes, IReadOnlyList<FrameworkGroup>? Groups, IReadOnlyList<FrameworkControl> Controls);
}

public enum FrameworkText
{
    // The file carries the framework's own text (public domain or law): shown to everyone.
    Full,
    // The file carries ids with our own short labels only: the text is licensed, imported per tenant.
    IdsOnly,
}

// A framework as shipped. Sha256 is of the file's bytes, shown beside its source and licence.
public sealed record FrameworkDefinition(
    string Id, string Title, string Version, string Publisher, string Source, string Licence, FrameworkText Text,
    string Notes, string Sha256, IReadOnlyList<FrameworkGroup> Groups, IReadOnlyList<FrameworkControl> Controls);

// A function, category, chapter or requirement family; Parent is null at the top. Withdrawn: the framework retired it
// (CSF 1.1 categories kept in the CSF 2.0 catalogue), kept so old references still resolve.
public sealed record FrameworkGroup(string Id, string Title, string? Parent, bool Withdrawn = false);

// One assessable control: a CSF subcategory, a GDPR article, a PCI DSS requirement. Label is short (our words where the
// text is licensed); Text is the framework's own wording where it may be shipped.
public sealed record FrameworkControl(string Id, string Group, string Label, string? Text = null, bool Withdrawn = false);
