using MsspPortal.Web.Features.Account;
using MsspPortal.Web.Features.Committee.Emergency;
using MsspPortal.Web.Features.Committee.Meetings;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Retention;
using MsspPortal.Web.Features.Compliance.Frameworks;
using MsspPortal.Web.Features.Value.Dashboard;
using MsspPortal.Web.Features.Value.Reports;

namespace MsspPortal.Web.Host;

// The features, listed. Handlers, validators and controllers are found by the Mediator source generator, the
// validator scan and MVC; a feature with services of its own registers them in its AddXxx .
internal static class PortalFeatures
{
    public static IServiceCollection AddPortalFeatures(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddAccount(configuration)
            .AddValueDashboard()
            .AddValueReports()
            .AddEmergency(configuration)
            .AddCommitteeMeetings()
            .AddFrameworkCatalogs()
            .AddRetention()
            .AddComplianceFrameworks();
}
