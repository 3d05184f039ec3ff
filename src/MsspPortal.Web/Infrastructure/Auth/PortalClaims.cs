using System.Security.Claims;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

public static class PortalClaims
{
    public const string SelectedTenantItem = "mssp:selected-tenant";

    public static bool IsMsspStaff(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(PortalRole.PlatformAdmin)) || user.IsInRole(nameof(PortalRole.Analyst));
}

// Named policies beyond the per-route permissions of RoleCapabilities.
public static class Policies
{
    /// <summary>Only for endpoints outside MVC (the jobs dashboard); controllers declare a <see cref="Capability"/>.</summary>
    public const string PlatformAdmin = "PlatformAdmin";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(PlatformAdmin, p => p.RequireRole(nameof(PortalRole.PlatformAdmin)));
        RoleCapabilities.AddPolicies(options);
    }
}

/// <summary>The person behind the current unit of work; null Id for the system (jobs, CLI).</summary>
public interface ICurrentUser
{
    string? Id { get; }

    string? IpAddress { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? Id => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
