namespace MsspPortal.Web.Domain;

public sealed class Asset : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public AssetKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Addresses, CIDRs and host names by which events name this asset, comma-separated.</summary>
    public string Identifiers { get; set; } = "";

    /// <summary>1 (lowest) to 5 (business-critical); weighs the risk score of alerts on this asset.</summary>
    public int Criticality { get; set; } = 3;

    /// <summary>The business service this asset supports (e.g. "Checkout"); several assets share one.</summary>
    public long? BusinessServiceId { get; set; }

    public BusinessService? BusinessService { get; set; }

    /// <summary>The customer-side person accountable for the service.</summary>
    public string? BusinessOwner { get; set; }
}

public enum AssetKind
{
    Host,
    NetworkDevice,
    Application,
    BusinessService,
}
