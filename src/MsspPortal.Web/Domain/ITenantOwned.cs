namespace MsspPortal.Web.Domain;

/// <summary>
/// A row that belongs to one customer tenant. <c>PortalDbContext</c> filters every such type by the tenants
/// the current principal may see, and rejects writes outside them.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
