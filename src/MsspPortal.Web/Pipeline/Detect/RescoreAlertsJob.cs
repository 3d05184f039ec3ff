using Hangfire;
using Mediator;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

/// <summary>Rescoring of open alerts after context changes: fan-out per tenant; ids only; a rerun changes nothing.</summary>
public sealed class RescoreAlertsJob(ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "detection:rescore-open-alerts";

    public async Task EnqueuePerTenantAsync(CancellationToken cancellationToken)
    {
        // Listing tenants is platform-wide work; each tenant then runs in its own scope.
        tenant.SetScope([], seesAll: true);
        foreach (var tenantId in await sender.Send(new ListTenantIds(), cancellationToken))
        {
            jobs.Enqueue<RescoreAlertsJob>(job => job.RunForTenantAsync(tenantId, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RunForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        await sender.Send(new RescoreOpenAlerts(), cancellationToken);
    }
}
