using MsspPortal.Web.Features.Ingestion;
using MsspPortal.Web.Infrastructure.Configuration;
namespace MsspPortal.Web.Pipeline;

public static class IngestionServices
{
    public static IServiceCollection AddPortalIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));
        services.AddScoped<BatchWriter>();
        var provider = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        services.AddSingleton(new WriteTurns(enabled: provider == DatabaseProvider.Sqlite));
        services.AddScoped<EventWriter>();
        services.AddScoped<LogSourceKeys>();
        services.AddScoped<LogFileUpload>();
        services.AddScoped<IBatchDispatcher, HangfireBatchDispatcher>();
        services.AddSingleton<SyslogSourceMap>();
        services.AddSingleton<UnknownSenderTally>();
        services.AddSingleton<SyslogIngestor>();
        services.AddSingleton<SpoolFiles>();
        services.AddSingleton<SyslogSpool>();
        services.AddSingleton<SyslogReceiveStats>();
        return services;
    }

    /// <summary>The listener runs where jobs run (All, Worker), never on web-only nodes, and not in the CLI.</summary>
    public static IServiceCollection AddSyslogListener(this IServiceCollection services, IConfiguration configuration, PortalRoleKind role)
    {
        var syslog = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>()?.Syslog ?? new SyslogOptions();
        if (role != PortalRoleKind.Web && syslog.Enabled)
        {
            services.AddHostedService<SyslogListener>();
        }
        return services;
    }

    /// <summary>Failed authentications per client address, accepted requests per log source (see IngestThrottle).</summary>
    public static IServiceCollection AddIngestionRateLimits(this IServiceCollection services) =>
        services.AddSingleton<IngestThrottle>();
}
