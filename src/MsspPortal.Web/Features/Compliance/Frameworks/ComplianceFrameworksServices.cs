using Microsoft.Extensions.DependencyInjection.Extensions;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Compliance.Frameworks.Checks;
using MsspPortal.Web.Infrastructure.Jobs;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

public static class ComplianceFrameworksServices
{
    public static IServiceCollection AddComplianceFrameworks(this IServiceCollection services)
    {
        // The shipped frameworks, read once (embedded JSON); tests replace it with a small catalog of their own.
        services.TryAddSingleton(_ => FrameworkCatalog.LoadEmbedded());
        services.AddSingleton<IRecurringJobSchedule, ComplianceChecksSchedule>();
        return services;
    }
}
