using System.CommandLine;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Features.Tenants;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Cli;

internal static class TenantsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("tenants", "List the tenants (slug and name)");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var host = CliHost.Build(parsed, context);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            // The operator at the terminal has the database itself: platform-wide scope.
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
            var tenants = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListTenants(), cancellationToken);
            foreach (var tenant in tenants)
            {
                await context.Output.WriteLineAsync($"{tenant.Slug}\t{tenant.Name}");
            }
            return 0;
        });
        return command;
    }
}
