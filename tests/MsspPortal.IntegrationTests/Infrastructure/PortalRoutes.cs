using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Tenants;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Every MVC route the app maps, read from its endpoint data source, so routes added later are covered by the
/// isolation and role tests without editing them.
/// </summary>
public static class PortalRoutes
{
    // Routes that change the caller's own session rather than tenant data.
    private static readonly HashSet<string> SessionRoutes = ["Account.Logout", "Account.Login"];

    public static List<RouteUnderTest> Enumerate(PortalFactory factory)
    {
        var data = factory.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<RouteUnderTest>();
        foreach (var endpoint in data.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var action = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>();
            if (action is null)
            {
                continue; // health checks and the jobs dashboard carry no tenant data (the dashboard is admin-only)
            }
            var name = $"{action.ControllerName}.{action.ActionName}";
            if (SessionRoutes.Contains(name))
            {
                continue;
            }
            var tenantRow = endpoint.Metadata.GetMetadata<TenantRowAttribute>();
            var anonymous = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            var required = endpoint.Metadata.GetOrderedMetadata<RequiresAttribute>().Select(r => r.Capability).Distinct().ToList();
            foreach (var method in methods)
            {
                var template = endpoint.RoutePattern.RawText is { } raw && !raw.Contains("{controller", StringComparison.Ordinal) ? "/" + raw : null;
                routes.Add(new RouteUnderTest($"{method} {name}", method, action.ControllerName, action.ActionName,
                    action.Parameters.Any(p => p.Name == "id") ? tenantRow : null, required, anonymous, template));
            }
        }
        return routes;
    }
}

/// <summary>A route as the app maps it: conventional (controller/action/id) or an attribute template (the API).</summary>
public sealed record RouteUnderTest(string Name, string Method, string Controller, string Action, TenantRowAttribute? TenantRow,
    IReadOnlyList<Capability> Requires, bool Anonymous, string? Template)
{
    public bool PlatformAdminOnly => Requires.Contains(Capability.AdministerPlatform);

    /// <summary>True when a member with this role in the route's tenant passes every capability the route declares.</summary>
    public bool Allows(MsspPortal.Web.Domain.PortalRole role) => Requires.All(c => RoleCapabilities.Grants(role, c));

    public string Url(TestTenant target)
    {
        var id = TenantRow is null
            ? null
            : target.RowIds.TryGetValue(TenantRow.EntityType, out var value)
                ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"The route tests have no {TenantRow.EntityType.Name} of the tenant: add one in TestTenant.CreateAsync");
        if (Template is not null)
        {
            return Template.Replace("{id}", id, StringComparison.Ordinal).Replace("{id?}", id, StringComparison.Ordinal);
        }
        return id is null ? $"/{Controller}/{Action}" : $"/{Controller}/{Action}/{id}";
    }
}
