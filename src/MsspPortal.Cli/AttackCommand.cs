using System.CommandLine;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Features.Attack;
using MsspPortal.Web.Host;

namespace MsspPortal.Cli;

internal static class AttackCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "MITRE's enterprise-attack.json (STIX) or a technique CSV" };
        var import = new Command("import", "Replace the ATT&CK catalogue used for coverage and scoring");
        import.Arguments.Add(file);
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 1;
            }
            using var host = CliHost.Build(parsed, context);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new ImportAttackCatalog(path.Name, await File.ReadAllBytesAsync(path.FullName, cancellationToken)), cancellationToken);
            if (!result.Succeeded)
            {
                await context.Error.WriteLineAsync($"Not imported: {result.Error}");
                return 1;
            }
            await context.Output.WriteLineAsync($"Imported {result.Tactics} tactics and {result.Techniques} techniques.");
            await context.Output.WriteLineAsync(MsspPortal.Core.Attack.AttackNotice.Text);
            return 0;
        });
        var command = new Command("attack", "MITRE ATT&CK catalogue");
        command.Subcommands.Add(import);
        return command;
    }
}
