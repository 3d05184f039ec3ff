using Hangfire.Dashboard;

namespace MsspPortal.Web.Infrastructure.Jobs;

// The endpoint's RequireAuthorization(PlatformAdmin) already guards /jobs; this filter replaces Hangfire's default
// "local requests only", which would lock out a remote admin and let any local user in.
internal sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(nameof(Domain.PortalRole.PlatformAdmin));
}
