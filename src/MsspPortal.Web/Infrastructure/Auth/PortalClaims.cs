using System.Security.Claims;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

public static class PortalClaims
{
    public const string SelectedTenantItem = "mssp:selected-tenant";

    public static bool IsMsspStaff(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(PortalRole.PlatformAdmin)) || user.IsInRole(nameof(PortalRole.Analyst));
}

/// <summary>Authorization policies by what a person does, not by role name, so pages read as intent.</summary>
public static class Policies
{
    /// <summary>MSSP staff who triage and manage tenants' security set-up.</summary>
    public const string Analyst = "Analyst";

    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Anyone who may read a tenant's business view (value, reports, committee).</summary>
    public const string BusinessView = "BusinessView";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Analyst, p => p.RequireRole(nameof(PortalRole.PlatformAdmin), nameof(PortalRole.Analyst)));
        options.AddPolicy(PlatformAdmin, p => p.RequireRole(nameof(PortalRole.PlatformAdmin)));
        options.AddPolicy(BusinessView, p => p.RequireRole(
            nameof(PortalRole.PlatformAdmin), nameof(PortalRole.Analyst), nameof(PortalRole.BusinessOwner),
            nameof(PortalRole.CommitteeMember), nameof(PortalRole.Auditor)));
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
