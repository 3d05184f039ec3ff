using System.CommandLine;
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
        var command = new Command("seed", "Create the database if needed and fill it with demo data") { demo };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!parsed.GetValue(demo))
            {
                // Demo data is the only kind there is today; a bare `mssp seed` is a usage error, not a no-op.
                return await MsspCli.UsageAsync(command, context, "Nothing to seed: pass --demo.", cancellationToken);
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
}
