using Microsoft.AspNetCore.Authorization;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Infrastructure.Auth;

// Allows a route when the person holds its permission in some tenant in reach, and narrows the request's tenant
// scope to exactly those tenants: a business owner of A who is auditor of B reads B's alerts but triages none of
// them, because for a triage route B is simply out of scope. Platform admins keep their whole scope.
internal sealed class CapabilityHandler : AuthorizationHandler<CapabilityRequirement>
{
    public const string DeniedItem = "mssp:denied-permission";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CapabilityRequirement requirement)
    {
        // The authorization middleware passes the HttpContext; MVC's global AuthorizeFilter evaluates the same
        // endpoint policies again with its filter context. Both must reach the same answer (narrowing is idempotent).
        var http = context.Resource switch
        {
            HttpContext h => h,
            Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext f => f.HttpContext,
            _ => null,
        };
        if (http is null)
        {
            return Task.CompletedTask;
        }
        var access = http.RequestServices.GetRequiredService<ITenantAccess>();
        var tenant = http.RequestServices.GetRequiredService<ITenantContext>();
        if (access.IsPlatformAdmin || requirement.Capability == Capability.SignedIn)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var allowed = access.TenantsWith(requirement.Capability).Where(tenant.CanAccess).ToList();
        if (allowed.Count == 0)
        {
            http.Items[DeniedItem] = requirement.Capability;
            context.Fail(new AuthorizationFailureReason(this, $"No tenant in reach grants {requirement.Capability}."));
            return Task.CompletedTask;
        }
        tenant.SetScope(allowed, seesAll: false);
        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
