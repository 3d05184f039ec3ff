using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Core;
using Serilog.Extensions.Hosting;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

using MsspPortal.Web.Infrastructure.Configuration;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Infrastructure.Logging;

internal static class LoggingServices
{
    // Console for people, a rolling compact-JSON file under the data folder for machines, and any ILogEventSink in
    // the container (tests capture events that way). Serilog is a provider of Microsoft.Extensions.Logging's
    // redacting logger factory, not a replacement for it: parameters labelled [Personal] or [Secret]
    // (PortalData) reach every sink already redacted.
    public static void AddPortalLogging(this IServiceCollection services, IConfiguration configuration, PortalOptions portal)
    {
        services.AddSingleton(sp => new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(portal.DataPath, "logs", "portal-.json"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true)
            .CreateLogger());
        services.AddSingleton<Serilog.ILogger>(sp => sp.GetRequiredService<Logger>());
        services.AddSingleton(sp => new DiagnosticContext(sp.GetRequiredService<Logger>()));
        services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<DiagnosticContext>());

        // The host's default providers (console, debug, event source) would write unredacted copies beside Serilog.
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(sp => new SerilogLoggerProvider(sp.GetRequiredService<Logger>(), dispose: false));

        services.AddRedaction(redaction => redaction
            .SetHmacRedactor(_ => { }, new DataClassificationSet(PortalData.Personal))
            .SetRedactor<ErasingRedactor>(new DataClassificationSet(PortalData.Secret)));
        // The key of the log pseudonyms is derived from the pseudonym master key (outside the database).
        services.AddOptions<HmacRedactorOptions>().Configure<PseudonymKeys>((options, keys) =>
        {
            options.Key = Convert.ToBase64String(keys.ForLogs());
            options.KeyId = 1;
        });
        services.AddLogging(logging => logging.EnableRedaction());
    }
}
