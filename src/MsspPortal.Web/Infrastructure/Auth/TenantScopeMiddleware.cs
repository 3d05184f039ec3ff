using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Infrastructure.Auth;

// Fills the request's ITenantContext from the signed-in user: platform admins see all tenants, everyone else the
// tenants of their memberships. The tenant switcher's cookie narrows that to one tenant, but never widens it. An
// anonymous request keeps the empty scope and so sees no tenant data.
internal sealed class TenantScopeMiddleware(RequestDelegate next)
{
    public const string SelectionCookie = "mssp-tenant";

    public async Task InvokeAsync(HttpContext context, ITenantContext tenant, ITenantAccess access, PortalDbContext db)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var isAdmin = context.User.IsInRole(nameof(PortalRole.PlatformAdmin));
            // Bootstrapping the scope is the one place that must read tenants before a scope exists.
            var tenants = db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking();
            var grants = await db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
                .Where(m => m.UserId == userId && m.Role != PortalRole.PlatformAdmin)
                .Select(m => new TenantGrant(m.TenantId, m.Role))
                .ToListAsync(context.RequestAborted);
            if (!isAdmin)
            {
                var memberTenantIds = grants.Select(g => g.TenantId).Distinct().ToList();
                tenants = tenants.Where(t => memberTenantIds.Contains(t.Id));
            }
            var choices = await tenants.OrderBy(t => t.Name)
                .Select(t => new TenantChoice(t.Id, t.Name, t.Slug))
                .ToListAsync(context.RequestAborted);

            tenant.SetSelectable(choices);
            var selected = SelectedTenant(context, choices);
            if (selected is { } one)
            {
                tenant.Use(one);
                grants = [.. grants.Where(g => g.TenantId == one)];
            }
            else
            {
                tenant.SetScope([.. choices.Select(c => c.Id)], seesAll: isAdmin);
            }
            // A person's role is decided per tenant by their membership; only platform admins hold one everywhere.
            access.Fill(isAdmin, grants);
            context.Items[PortalClaims.SelectedTenantItem] = selected;
        }
        await next(context);
    }

    private static Guid? SelectedTenant(HttpContext context, IReadOnlyList<TenantChoice> choices) =>
        Guid.TryParse(context.Request.Cookies[SelectionCookie], out var id) && choices.Any(c => c.Id == id) ? id : null;
}
