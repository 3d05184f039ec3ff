using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Cli;

// A host with the portal's services and settings (appsettings.json beside the tool or in the working folder,
// MSSP-prefixed environment variables as for the web app) but no web server.
internal static class CliHost
{
    public static IHost Build(ParseResult parsed, CliContext context, string? dataDirectory = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // A command lasts seconds to minutes: no settings reload, so no file watcher over the working folder
            // (it woke for every write of a database kept below it: ~4% of a bench run's CPU when run from /tmp).
            Configuration = new ConfigurationManager { ["hostBuilder:reloadConfigOnChange"] = "false" },
            ContentRootPath = Directory.GetCurrentDirectory(),
            // A terminal is a development tool unless the operator says otherwise: demo users are refused only
            // when the environment is explicitly Production, as for the web host.
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environments.Development,
        });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddJsonFile("appsettings.json", optional: true);
        builder.Configuration.AddEnvironmentVariables();
        if ((dataDirectory ?? parsed.GetValue(context.Data)) is { Length: > 0 } data)
        {
            builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataDirectory)}"] = data;
        }
        // The console belongs to the command's own output; only warnings go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddPortal(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
