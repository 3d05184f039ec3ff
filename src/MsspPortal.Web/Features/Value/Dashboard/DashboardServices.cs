namespace MsspPortal.Web.Features.Value.Dashboard;

public static class DashboardServices
{
    public static IServiceCollection AddValueDashboard(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<MonthlyValueCache>();
        return services;
    }
}
