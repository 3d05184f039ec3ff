using Microsoft.AspNetCore.Authorization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

// Declares the permission a controller or action needs; the roles that hold it come from RoleCapabilities.
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequiresAttribute : AuthorizeAttribute
{
    public RequiresAttribute(Capability permission)
        : base(RoleCapabilities.PolicyName(permission)) => Capability = permission;

    public Capability Capability { get; }
}

public sealed record CapabilityRequirement(Capability Capability) : IAuthorizationRequirement;
