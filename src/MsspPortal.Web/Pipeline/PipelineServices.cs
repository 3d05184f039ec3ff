using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Pipeline;

public static class PipelineServices
{
    // Everything in Pipeline/, in the order a line travels: receive, accept, process, detect.
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));
        services.Configure<DetectionOptions>(configuration.GetSection(DetectionOptions.Section));

        services.AddScoped<LogSourceKeys>();
        services.AddSingleton<SyslogSourceMap>();
        services.AddSingleton<UnknownSenderTally>();
        services.AddSingleton<SyslogIngestor>();
        services.AddSingleton<SpoolFiles>();
        services.AddSingleton<SyslogSpool>();
        services.AddSingleton<SyslogReceiveStats>();

        services.AddSingleton<PseudonymKeys>();
        services.AddSingleton<PhoneFinder>();
        services.AddSingleton<MaskingPolicies>();
        services.AddScoped<AcceptBatch>();
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        services.AddSingleton(new WriteTurns(enabled: provider == DatabaseProvider.Sqlite));
        services.AddScoped<IBatchDispatcher, HangfireBatchDispatcher>();

        services.AddScoped<ChunkWriter>();
        services.AddScoped<EventWriter>();

        // One engine per process: it holds every tenant's open windows, which must outlive a request or a job.
        services.AddSingleton<DetectionRuntime>();
        services.AddScoped<TenantProfileLoader>();
        services.AddScoped<IDetectionStage, DetectionStage>();
        services.AddScoped<DetectionOwner>();
        return services;
    }

    // The listener runs where jobs run (All, Worker), never on web-only nodes, and not in the CLI.
    public static IServiceCollection AddSyslogListener(this IServiceCollection services, IConfiguration configuration, PortalRoleKind role)
    {
        var syslog = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>()?.Syslog ?? new SyslogOptions();
        if (role != PortalRoleKind.Web && syslog.Enabled)
        {
            services.AddHostedService<SyslogListener>();
        }
        return services;
    }

    // Failed authentications per client address, accepted requests per log source (see IngestThrottle).
    public static IServiceCollection AddIngestionRateLimits(this IServiceCollection services) =>
        services.AddSingleton<IngestThrottle>();
}
