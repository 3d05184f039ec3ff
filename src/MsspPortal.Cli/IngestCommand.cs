using System.CommandLine;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;
using Spectre.Console;

namespace MsspPortal.Cli;

// mssp ingest FILE --tenant SLUG --source NAME : back-fills a log file. The file is accepted as one batch (channel
// Cli) like any other, then processed inline with the same handler the Hangfire job sends — the CLI has no job
// server, so what would be queued is collected and processed here.
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Log file: one line per event (syslog, CEF, LEEF, JSON)" };
        var tenantSlug = new Option<string>("--tenant") { Description = "Tenant slug (see `mssp tenants`)", Required = true };
        var sourceName = new Option<string>("--source") { Description = "Log source name within the tenant", Required = true };
        var command = new Command("ingest", "Back-fill a log file into a tenant's log source and process it now") { file, tenantSlug, sourceName };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await context.Error.WriteLineAsync($"No such file: {path.FullName}");
                return 1;
            }
            var queued = new InlineDispatcher();
            using var host = CliHost.Build(parsed, context, configure: services => services.Replace(ServiceDescriptor.Singleton<IBatchDispatcher>(queued)));
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            var db = services.GetRequiredService<PortalDbContext>();
            var tenantContext = services.GetRequiredService<ITenantContext>();

            // The operator names the tenant; from here on every query and write stays inside it.
            tenantContext.SetScope([], seesAll: true);
            var slug = parsed.GetValue(tenantSlug)!;
            var tenantId = await db.Tenants.Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            if (tenantId is not { } id)
            {
                await context.Error.WriteLineAsync($"No tenant with slug '{slug}'. `mssp tenants` lists them.");
                return 1;
            }
            tenantContext.Use(id);
            var name = parsed.GetValue(sourceName)!;
            var sourceId = await db.LogSources.Where(s => s.Name == name).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (sourceId is not { } logSourceId)
            {
                var known = await db.LogSources.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);
                await context.Error.WriteLineAsync($"Tenant '{slug}' has no log source '{name}'. Its sources: {string.Join(", ", known)}.");
                return 1;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
            StoredBatch? stored = null;
            BatchProcessingResult? result = null;
            await console.Progress().StartAsync(async progress =>
            {
                var reading = progress.AddTask($"Storing {path.Name}", maxValue: Math.Max(1, path.Length));
                await using (var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan))
                {
                    stored = await services.GetRequiredService<AcceptBatch>().AcceptAsync(id, logSourceId, IngestChannel.Cli, stream,
                        new SyncProgress<long>(bytes => reading.Value = bytes), cancellationToken);
                }
                reading.Value = reading.MaxValue;
                foreach (var batchId in queued.Batches)
                {
                    var processing = progress.AddTask("Parsing and detecting").IsIndeterminate();
                    result = await services.GetRequiredService<ISender>().Send(new ProcessBatch(batchId), cancellationToken);
                    processing.IsIndeterminate(false).Value = processing.MaxValue;
                }
            });

            if (result is null)
            {
                await context.Output.WriteLineAsync($"Batch {stored!.BatchId}: the same content was already ingested as batch {stored.DuplicateOf}; nothing processed.");
                return 0;
            }
            await context.Output.WriteLineAsync(
                $"Batch {stored!.BatchId}: {stored.Lines} lines, {result.Events} events, {result.Quarantined} quarantined, " +
                $"{result.AlertsRaised} alerts raised, {result.AlertsUpdated} updated.");
            return 0;
        });
        return command;
    }
}

// Reports on the caller's thread: Progress&lt;T&gt; would post to the thread pool and lag the bar.
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

// Collects what acceptance queues (nothing for a duplicate), for the command to process inline.
internal sealed class InlineDispatcher : IBatchDispatcher
{
    private readonly List<long> _batches = [];

    public IReadOnlyList<long> Batches => _batches;

    public void Enqueue(Guid tenantId, long batchId) => _batches.Add(batchId);
}
