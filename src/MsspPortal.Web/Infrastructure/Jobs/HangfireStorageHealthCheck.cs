using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MsspPortal.Web.Infrastructure.Jobs;

// Ready only when Hangfire's storage answers: without it nothing is scheduled.
internal sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers().Count;
            return Task.FromResult(HealthCheckResult.Healthy($"{servers} job server(s)"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage is unreachable", ex));
        }
    }
}
