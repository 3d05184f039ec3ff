using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

// A role held in one tenant, from a membership.
public sealed record TenantGrant(Guid TenantId, PortalRole Role);

/// <summary>
/// The current person's role in each tenant in reach (after the tenant switcher), filled per request from their
/// memberships. Pages ask it what to show; <see cref="CapabilityHandler"/> asks it what to allow.
/// </summary>
public interface ITenantAccess
{
    bool IsPlatformAdmin { get; }

    IReadOnlyList<TenantGrant> Grants { get; }

    /// <summary>True when the person holds the permission in at least one tenant in reach.</summary>
    bool Has(Capability permission);

    IReadOnlyList<Guid> TenantsWith(Capability permission);

    /// <summary>True when the person holds the permission in this tenant.</summary>
    bool Has(Capability permission, Guid tenantId);

    void Fill(bool isPlatformAdmin, IReadOnlyList<TenantGrant> grants);
}

internal sealed class TenantAccess : ITenantAccess
{
    public bool IsPlatformAdmin { get; private set; }

    public IReadOnlyList<TenantGrant> Grants { get; private set; } = [];

    public bool Has(Capability permission) =>
        IsPlatformAdmin || Grants.Any(g => RoleCapabilities.Grants(g.Role, permission));

    public IReadOnlyList<Guid> TenantsWith(Capability permission) =>
        [.. Grants.Where(g => RoleCapabilities.Grants(g.Role, permission)).Select(g => g.TenantId).Distinct()];

    public bool Has(Capability permission, Guid tenantId) =>
        IsPlatformAdmin || Grants.Any(g => g.TenantId == tenantId && RoleCapabilities.Grants(g.Role, permission));

    public void Fill(bool isPlatformAdmin, IReadOnlyList<TenantGrant> grants)
    {
        IsPlatformAdmin = isPlatformAdmin;
        Grants = [.. grants];
    }
}
