namespace MsspPortal.Web.Pipeline;

internal static class DetectionServices
{
    public static IServiceCollection AddDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DetectionOptions>(configuration.GetSection(DetectionOptions.Section));
        // One engine per process: it holds every tenant's open windows, which must outlive a request or a job.
        services.AddSingleton<DetectionRuntime>();
        services.AddScoped<TenantProfileLoader>();
        services.AddScoped<IDetectionStage, DetectionStage>();
        services.AddScoped<DetectionOwner>();
        return services;
    }
}
