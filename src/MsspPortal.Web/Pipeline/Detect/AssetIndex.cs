using MsspPortal.Core.Detection;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// What scoring needs to know about the asset an alert is about.
public sealed record AssetInfo(long Id, string Name, int Criticality, string? Service, decimal DowntimeCostPerHour);

// Finds the asset an event or alert names, from the tenant's asset identifiers (addresses, CIDRs, host names). The
// host, then the destination (the attacked side), then the source.
public sealed class AssetIndex
{
    private readonly Dictionary<string, AssetInfo> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(CidrRange Range, AssetInfo Asset)> _ranges = [];

    public static AssetIndex Empty { get; } = new([]);

    // assets: The tenant's assets with their business service loaded (its name and downtime cost feed scoring).
    public AssetIndex(IEnumerable<Asset> assets)
    {
        // Most critical first, so an address listed on two assets resolves to the one that matters more.
        foreach (var asset in assets.OrderByDescending(a => a.Criticality).ThenBy(a => a.Id))
        {
            var info = new AssetInfo(asset.Id, asset.Name, asset.Criticality, asset.BusinessService?.Name, asset.BusinessService?.DowntimeCostPerHour ?? 0);
            foreach (var identifier in asset.Identifiers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (identifier.Contains('/', StringComparison.Ordinal) && CidrRange.TryParse(identifier, out var range))
                {
                    _ranges.Add((range, info));
                }
                else
                {
                    _exact.TryAdd(identifier, info);
                }
            }
        }
    }

    public AssetInfo? Match(string? hostName, string? destinationIp, string? sourceIp) =>
        Find(hostName) ?? Find(destinationIp) ?? Find(sourceIp);

    public AssetInfo? Match(DetectionEntities entities) => Match(entities.HostName, entities.DestinationIp, entities.SourceIp);

    private AssetInfo? Find(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (_exact.TryGetValue(value, out var asset))
        {
            return asset;
        }
        foreach (var (range, info) in _ranges)
        {
            if (range.Contains(value))
            {
                return info;
            }
        }
        return null;
    }
}
