using Microsoft.AspNetCore.Identity;

namespace MsspPortal.Web.Domain;

public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

// What a person is in the portal. Held as an Identity role; tenant scope comes from memberships.
public enum PortalRole
{
    // MSSP staff with every tenant in scope.
    PlatformAdmin,

    // MSSP staff with the tenants they are assigned to.
    Analyst,

    // Customer side, one tenant.
    BusinessOwner,

    // Either side; sits on a tenant's joint security committee.
    CommitteeMember,

    // Read-only.
    Auditor,
}

// Links a user to a tenant: the unit of tenant scope for everyone but platform admins.
public sealed class TenantMembership : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string UserId { get; set; } = "";

    public PortalRole Role { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
