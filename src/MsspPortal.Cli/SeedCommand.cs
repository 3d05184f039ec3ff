using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Host;
using Spectre.Console;

namespace MsspPortal.Cli;

internal static class SeedCommand
{
    public static Command Create(CliContext context)
    {
        var demo = new Option<bool>("--demo") { Description = "Seed the three demo tenants with six months of device logs sent through ingestion and detection, and one user per role" };
        var alerts = new Option<int?>("--alerts") { Description = "Seed this many alerts over the last 90 days, bulk-inserted (for the queue's speed; with --tenants)" };
        var tenants = new Option<int>("--tenants") { Description = "Tenants for --alerts (tenant-001 ..)", DefaultValueFactory = _ => 100 };
        var command = new Command("seed", "Create the database if needed and fill it with demo data, or with volume for the queue") { demo, alerts, tenants };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(alerts) is { } count)
            {
                if (parsed.GetValue(demo) || count < 0 || parsed.GetValue(tenants) < 1)
                {
                    return await MsspCli.UsageAsync(command, context, "--alerts needs a count of 0 or more and --tenants at least 1, without --demo.", cancellationToken);
                }
                return await SeedVolumeAsync(parsed, context, null, count, parsed.GetValue(tenants), cancellationToken) is null ? 1 : 0;
            }
            if (!parsed.GetValue(demo))
            {
                // A bare `mssp seed` is a usage error, not a no-op.
                return await MsspCli.UsageAsync(command, context, "Nothing to seed: pass --demo or --alerts N.", cancellationToken);
            }
            using var host = CliHost.Build(parsed, context);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.HasAnyTenantAsync(cancellationToken))
            {
                await context.Error.WriteLineAsync("The database already has tenants; demo data is only seeded into an empty database.");
                return 1;
            }
            var includeUsers = !host.Services.GetRequiredService<IHostEnvironment>().IsProduction();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
            DemoSeedResult? result = null;
            await console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Seeding demo data");
                var reporter = new SyncProgress<SeedProgress>(p =>
                {
                    task.MaxValue = p.Total;
                    task.Value = p.Done;
                    task.Description = p.Step;
                });
                result = await seeder.SeedAsync(includeUsers, reporter, cancellationToken);
                task.Value = task.MaxValue;
            });
            DemoBanner.Print(context.Output, result!);
            return 0;
        });
        return command;
    }

    // Tenants, the bench analyst and the alerts into an empty database (the bench queue seeds its scratch folder
    // the same way); null when the database already has tenants.
    internal static Task<VolumeSeedResult?> SeedVolumeAsync(ParseResult parsed, CliContext context, string? data, int alerts, int tenants,
        CancellationToken cancellationToken) => SeedVolumeAsync(parsed, context, data, alerts, tenants, null, cancellationToken);

    internal static async Task<VolumeSeedResult?> SeedVolumeAsync(ParseResult parsed, CliContext context, string? data, int alerts, int tenants,
        TimeSpan? span, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(parsed, context, data);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        if (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().HasAnyTenantAsync(cancellationToken))
        {
            await context.Error.WriteLineAsync("The database already has tenants; alerts are only seeded into an empty database.");
            return null;
        }
        var seeder = ActivatorUtilities.CreateInstance<VolumeSeeder>(scope.ServiceProvider);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
        VolumeSeedResult? result = null;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Seeding alerts", maxValue: Math.Max(alerts, 1));
            var reporter = new SyncProgress<SeedProgress>(p =>
            {
                task.Value = p.Done;
                task.Description = p.Step;
            });
            result = await seeder.SeedAsync(alerts, tenants, seed: 20261129, reporter, span, cancellationToken);
            task.Value = task.MaxValue;
        });
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Seeded {result!.Tenants:N0} tenants (tenant-001 ..), {result.Alerts:N0} alerts and {result.HistoryRows:N0} history rows in {result.Elapsed.TotalSeconds:0.0} s"));
        await context.Output.WriteLineAsync($"Analyst member of every tenant: {result.AnalystEmail} / {result.Password}");
        return result;
    }
}
