using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MsspPortal.Web.Infrastructure;

namespace MsspPortal.Web.Features.Ingestion;

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

    /// <summary>Per ingestion key (its clear prefix), a fixed window; a flood from one device cannot starve others.</summary>
    public static IServiceCollection AddIngestionRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>()?.RequestsPerMinutePerKey
            ?? new IngestionOptions().RequestsPerMinutePerKey;
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(IngestApiController.RateLimitPolicy, http =>
            {
                var authorization = http.Request.Headers.Authorization.ToString();
                var partition = authorization.Length > 19 ? authorization[7..19] : "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }
}
