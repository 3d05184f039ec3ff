using System.CommandLine;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Features.Offboarding;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Cli;

// `mssp tenant export SLUG --out DIR` and `mssp tenant delete SLUG --confirm SLUG`: offboarding at the end of a
// contract (docs/offboarding.md). Both send the portal's own messages (Features/Offboarding).
internal static class TenantCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("tenant", "Export or delete one tenant's data (offboarding)");
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Delete(context));
        return command;
    }

    private static Command Export(CliContext context)
    {
        var slug = new Argument<string>("SLUG") { Description = "The tenant's slug (see `mssp tenants`)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "A new or empty folder for the export", Required = true };
        var command = new Command("export", "Write every row the tenant owns as JSON Lines (and CSV), with a manifest of counts and SHA-256") { slug, output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var directory = parsed.GetValue(output)!.FullName;
            return await RunAsync(parsed, context, async sender =>
            {
                var export = await sender.Send(new ExportTenant(parsed.GetValue(slug)!.Trim(), directory), cancellationToken);
                foreach (var file in export.Files)
                {
                    await context.Output.WriteLineAsync($"{file.Name}\t{file.Rows}\t{file.Sha256}");
                }
                await context.Output.WriteLineAsync($"Exported {export.Slug} to {export.Directory} ({export.Files.Count} files, manifest.json).");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var slug = new Argument<string>("SLUG") { Description = "The tenant's slug (see `mssp tenants`)" };
        var confirm = new Option<string>("--confirm") { Description = "The slug again: nothing is deleted unless it matches", Required = true };
        var command = new Command("delete", "Delete every row the tenant owns and the tenant itself, counted before and after, recorded at platform level") { slug, confirm };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var target = parsed.GetValue(slug)!.Trim();
            // Refused before the database is even opened.
            if (!string.Equals(parsed.GetValue(confirm)?.Trim(), target, StringComparison.Ordinal))
            {
                await context.Error.WriteLineAsync($"Refused: --confirm must repeat the slug ({target}). Nothing was deleted.");
                return 1;
            }
            return await RunAsync(parsed, context, async sender =>
            {
                var deletion = await sender.Send(new DeleteTenant(target, target, "cli:" + Environment.UserName), cancellationToken);
                foreach (var (table, before) in deletion.Before)
                {
                    await context.Output.WriteLineAsync($"{table}\t{before}\t{deletion.After[table]}");
                }
                if (!deletion.Verified)
                {
                    await context.Error.WriteLineAsync($"Rows remain after deleting {target}: see platform audit record {deletion.RecordId}.");
                    return 1;
                }
                await context.Output.WriteLineAsync($"Deleted {target}: {deletion.Before.Values.Sum()} rows, none left (platform audit record {deletion.RecordId}).");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parsed, CliContext context, Func<ISender, Task<int>> action, CancellationToken cancellationToken)
    {
        using var host = CliHost.Build(parsed, context);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        // The operator at the terminal has the database itself: platform-wide scope.
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        try
        {
            return await action(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        catch (Exception e) when (e is TenantNotFoundException or IOException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
