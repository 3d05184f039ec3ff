using MsspPortal.Web.Infrastructure.Jobs;

namespace MsspPortal.Web.Features.Value.Reports;

public static class ValueReportsServices
{
    public static IServiceCollection AddValueReports(this IServiceCollection services)
    {
        services.AddSingleton<IRecurringJobSchedule, ValueReportsSchedule>();
        return services;
    }
}
