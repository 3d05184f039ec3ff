using Microsoft.AspNetCore.Identity;

namespace MsspPortal.Web.Domain;

public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

/// <summary>What a person is in the portal. Held as an Identity role; tenant scope comes from memberships.</summary>
public enum PortalRole
{
    /// <summary>MSSP staff with every tenant in scope.</summary>
    PlatformAdmin,

    /// <summary>MSSP staff with the tenants they are assigned to.</summary>
    Analyst,

    /// <summary>Customer side, one tenant.</summary>
    BusinessOwner,

    /// <summary>Either side; sits on a tenant's joint security committee.</summary>
    CommitteeMember,

    /// <summary>Read-only.</summary>
    Auditor,
}

/// <summary>Links a user to a tenant: the unit of tenant scope for everyone but platform admins.</summary>
public sealed class TenantMembership : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public PortalRole Role { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
