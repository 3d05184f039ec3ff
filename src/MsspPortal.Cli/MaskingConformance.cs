using System.Text;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MsspPortal.Core.Conformance;
using MsspPortal.Core.Events;
using MsspPortal.Core.Privacy;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Cli;

// "Nothing unmasked is found anywhere after ingesting the corpus with masking on": per top-level folder, a database
// of its own (temporary SQLite), a tenant masking every kind, every log file of the folder accepted through the real
// accept path and processed, then every text and blob cell of every table scanned with the masker's own finders
// (card numbers: Luhn, first digit 2-6, not after a '.'; resident ids: GB 11643 check character and birth date;
// e-mail addresses). A check fails on any value found.
internal static class MaskingConformance
{
    private static readonly MaskingPolicy Scan = new() { Cards = MaskMode.Redact, Emails = MaskMode.Redact, ResidentIds = MaskMode.Redact };

    public static async IAsyncEnumerable<ConformanceCheck> RunAsync(string root, System.CommandLine.ParseResult parsed, CliContext context,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        root = Path.GetFullPath(root);
        var logs = await ConformanceRunner.LogFilesAsync(root, cancellationToken);
        foreach (var folder in logs.GroupBy(f => Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0], StringComparer.Ordinal))
        {
            var data = Path.Combine(Path.GetTempPath(), "mssp-masking-conformance", Guid.NewGuid().ToString("N"));
            try
            {
                yield return await FolderAsync(folder.Key, [.. folder], data, parsed, context, cancellationToken);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }
            }
        }
    }

    private static async Task<ConformanceCheck> FolderAsync(string folder, IReadOnlyList<string> files, string data,
        System.CommandLine.ParseResult parsed, CliContext context, CancellationToken cancellationToken)
    {
        var queued = new InlineDispatcher();
        using var host = CliHost.Build(parsed, context, data, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IBatchDispatcher>(queued));
            // A fresh database each time: the migrations' SQLite rebuild notes are noise in the conformance output.
            services.Configure<LoggerFilterOptions>(o => o.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error));
        });
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var db = services.GetRequiredService<PortalDbContext>();
        var tenants = services.GetRequiredService<ITenantContext>();
        tenants.SetScope([], seesAll: true);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tenant = new Tenant { Name = "Masking conformance", Slug = "masking-conformance", Industry = Industry.Other, Tier = ServiceTier.Essentials, TimeZone = "UTC", Currency = "EUR", CreatedAt = now };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
        tenants.Use(tenant.Id);
        var settings = PrivacySettings.For(tenant.Id);
        settings.Change(MaskMode.Truncate, MaskMode.Truncate, MaskMode.Truncate, [], MaskMode.Truncate, MaskMode.Redact, [], "conformance", now);
        db.PrivacySettings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);
        var sender = services.GetRequiredService<ISender>();
        var source = await sender.Send(new CreateLogSource
        {
            TenantId = tenant.Id, Name = "corpus-" + folder, Vendor = "Corpus", Product = folder, ExpectedFormat = LogFormat.Auto,
        }, cancellationToken);
        long masked = 0;
        foreach (var file in files)
        {
            await using (var stream = File.OpenRead(file))
            {
                var stored = await services.GetRequiredService<AcceptBatch>().AcceptAsync(tenant.Id, source.Id, IngestChannel.Cli, stream, null, cancellationToken);
                masked += stored.Duplicate ? 0 : await db.RawBatches.Where(b => b.Id == stored.BatchId).Select(b => b.MaskedValues).SingleAsync(cancellationToken);
            }
        }
        foreach (var batchId in queued.Batches)
        {
            await sender.Send(new ProcessBatch(batchId), cancellationToken);
        }

        var (cells, found) = await ScanAsync(db.Database.GetConnectionString()!, cancellationToken);
        return ConformanceCheck.From("masking", folder,
            $"{found.Count} unmasked values in {cells:N0} cells ({files.Count} files, {masked} values masked at receipt)",
            [.. found.Select(f => "unmasked " + f)]);
    }

    // Every text cell and blob (read as UTF-8) of every table, through a masker that redacts every kind it finds.
    public static async Task<(long Cells, List<string> Found)> ScanAsync(string connectionString, CancellationToken cancellationToken)
    {
        var masker = new LineMasker(Scan);
        var found = new List<string>();
        long cells = 0;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var text = reader.IsDBNull(c) ? null : reader.GetValue(c) switch
                    {
                        string s => s,
                        byte[] b => Encoding.UTF8.GetString(b),
                        _ => null,
                    };
                    if (text is null)
                    {
                        continue;
                    }
                    cells++;
                    var tally = new MaskTally();
                    foreach (var line in text.Split('\n'))
                    {
                        masker.Mask(line, tally);
                    }
                    foreach (var kind in Enum.GetValues<PiiKind>().Where(k => tally[k] > 0))
                    {
                        found.Add($"{table}.{reader.GetName(c)}: {tally[kind]} {kind}");
                    }
                }
            }
        }
        return (cells, found);
    }
}
