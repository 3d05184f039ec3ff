using Serilog;
using Serilog.Formatting.Compact;

using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Infrastructure.Logging;

internal static class LoggingServices
{
    // Console for people, a rolling compact-JSON file under the data folder for machines.
    public static void AddPortalLogging(this IServiceCollection services, IConfiguration configuration, PortalOptions portal) =>
        services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(portal.DataPath, "logs", "portal-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true));
}
