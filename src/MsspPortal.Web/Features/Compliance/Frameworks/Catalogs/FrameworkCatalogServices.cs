using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;

public static class FrameworkCatalogServices
{
    // The shipped frameworks are read once (embedded JSON) and shared: they never change while the portal runs.
    public static IServiceCollection AddFrameworkCatalogs(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => FrameworkCatalog.LoadEmbedded());
        return services;
    }
}
