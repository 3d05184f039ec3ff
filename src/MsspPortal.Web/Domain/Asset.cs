namespace MsspPortal.Web.Domain;

public sealed class Asset : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public AssetKind Kind { get; set; }

    public string Name { get; set; } = "";

    // Addresses, CIDRs and host names by which events name this asset, comma-separated.
    public string Identifiers { get; set; } = "";

    // 1 (lowest) to 5 (business-critical); weighs the risk score of alerts on this asset.
    public int Criticality { get; set; } = 3;

    // The business service this asset supports (e.g. "Checkout"); several assets share one.
    public long? BusinessServiceId { get; set; }

    public BusinessService? BusinessService { get; set; }

    // The customer-side person accountable for the service.
    public string? BusinessOwner { get; set; }
}

public enum AssetKind
{
    Host,
    NetworkDevice,
    Application,
    BusinessService,
}
