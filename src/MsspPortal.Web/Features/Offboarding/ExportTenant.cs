using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Export;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Offboarding;

// A tenant's complete export into a new folder: one JSON Lines file per tenant-owned table (and the tenant's own
// row), CSV beside the big human-readable ones, and manifest.json with each file's row count, SHA-256 and columns.
// Rows stream from the database to the file one at a time: a large tenant's export never sits in memory.
public sealed record ExportTenant(string Slug, string Directory) : ICommand<TenantExport>;

public sealed record TenantExport(Guid TenantId, string Slug, string Directory, IReadOnlyList<TenantExport.File> Files)
{
    public sealed record File(string Name, string Table, long Rows, string Sha256);
}

public sealed class ExportTenantValidator : AbstractValidator<ExportTenant>
{
    public ExportTenantValidator()
    {
        RuleFor(c => c.Slug).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Directory).NotEmpty();
    }
}

internal sealed class ExportTenantHandler(PortalDbContext db, ITenantContext tenantScope, TimeProvider clock)
    : ICommandHandler<ExportTenant, TenantExport>
{
    public const string ManifestFileName = "manifest.json";
    public const string Format = "mssp-tenant-export/1";

    // The tables people open in a spreadsheet get a CSV too; JSON Lines stays the exact copy.
    private static readonly HashSet<Type> CsvTables = [typeof(SecurityEvent), typeof(Alert), typeof(Incident)];

    private static readonly MethodInfo ExportTableMethod =
        typeof(ExportTenantHandler).GetMethod(nameof(ExportTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async ValueTask<TenantExport> Handle(ExportTenant command, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == command.Slug, cancellationToken)
            ?? throw new TenantNotFoundException(command.Slug);
        if (!tenantScope.CanAccess(tenant.Id))
        {
            throw new TenantAccessViolationException(nameof(Tenant), tenant.Id);
        }
        if (System.IO.Directory.Exists(command.Directory) && System.IO.Directory.EnumerateFileSystemEntries(command.Directory).Any())
        {
            // Never mix two exports (or anything else) in one folder: the manifest must describe all of it.
            throw new IOException($"{command.Directory} is not empty.");
        }
        System.IO.Directory.CreateDirectory(command.Directory);

        var manifest = new List<ManifestFile>();
        var tenantRow = TenantTables.Describe(db.Model.FindEntityType(typeof(Tenant))!);
        manifest.AddRange(await ExportAsync(tenantRow, db.Tenants.Where(t => t.Id == tenant.Id), command.Directory, csv: false, cancellationToken));
        foreach (var table in TenantTables.All(db.Model))
        {
            var task = (Task<IReadOnlyList<ManifestFile>>)ExportTableMethod.MakeGenericMethod(table.ClrType)
                .Invoke(null, [db, table, tenant.Id, command.Directory, CsvTables.Contains(table.ClrType), cancellationToken])!;
            manifest.AddRange(await task);
        }

        await using (var stream = File.Create(Path.Combine(command.Directory, ManifestFileName)))
        {
            await JsonSerializer.SerializeAsync(stream, new Manifest(Format, new ManifestTenant(tenant.Id, tenant.Slug, tenant.Name),
                clock.GetUtcNow(), manifest), ManifestJson, cancellationToken);
        }
        return new TenantExport(tenant.Id, tenant.Slug, command.Directory,
            [.. manifest.Select(f => new TenantExport.File(f.File, f.Table, f.Rows, f.Sha256))]);
    }

    private static Task<IReadOnlyList<ManifestFile>> ExportTableAsync<T>(PortalDbContext db, TenantTable table, Guid tenantId, string directory,
        bool csv, CancellationToken cancellationToken)
        where T : class, ITenantOwned =>
        // The explicit tenant condition, on top of the model's filter: an operator's platform-wide scope sees every tenant.
        ExportAsync(table, db.Set<T>().Where(e => e.TenantId == tenantId), directory, csv, cancellationToken);

    private static async Task<IReadOnlyList<ManifestFile>> ExportAsync<T>(TenantTable table, IQueryable<T> rows, string directory, bool csv,
        CancellationToken cancellationToken)
        where T : class
    {
        var query = TenantTables.OrderByKey(rows.AsNoTracking(), table.EntityType).Select(TenantTables.Projection<T>(table));
        var jsonPath = Path.Combine(directory, table.Name + ".jsonl");
        var csvPath = Path.Combine(directory, table.Name + ".csv");
        long count = 0;
        await using (var jsonFile = File.Create(jsonPath))
        await using (var csvFile = csv ? new StreamWriter(csvPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) : null)
        {
            await using var json = new Utf8JsonWriter(jsonFile);
            if (csvFile is not null)
            {
                await csvFile.WriteAsync(SpreadsheetCsv.Row([.. table.Columns.Select(c => c.Name)]));
            }
            await foreach (var values in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                WriteRow(json, table, values);
                await json.FlushAsync(cancellationToken);
                jsonFile.WriteByte((byte)'\n');
                json.Reset();
                if (csvFile is not null)
                {
                    await csvFile.WriteAsync(SpreadsheetCsv.Row([.. values.Select(CsvText)]));
                }
                count++;
            }
        }

        var columns = table.Columns.Select(c => new ManifestColumn(c.Name, c.Format, c.Nullable)).ToList();
        var files = new List<ManifestFile>
        {
            new(Path.GetFileName(jsonPath), table.Name, table.EntityType.ClrType.Name, "jsonl", count,
                await Sha256Async(jsonPath, cancellationToken), columns, table.OmittedColumns),
        };
        if (csv)
        {
            files.Add(new(Path.GetFileName(csvPath), table.Name, table.EntityType.ClrType.Name, "csv", count,
                await Sha256Async(csvPath, cancellationToken), columns, table.OmittedColumns));
        }
        return files;
    }

    private static void WriteRow(Utf8JsonWriter json, TenantTable table, object?[] values)
    {
        json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            var name = table.Columns[i].Name;
            switch (values[i])
            {
                case null: json.WriteNull(name); break;
                case string s: json.WriteString(name, s); break;
                case bool b: json.WriteBoolean(name, b); break;
                case long l: json.WriteNumber(name, l); break;
                case int n: json.WriteNumber(name, n); break;
                case short n: json.WriteNumber(name, n); break;
                case byte n: json.WriteNumber(name, n); break;
                case decimal d: json.WriteNumber(name, d); break;
                case double d: json.WriteNumber(name, d); break;
                case float f: json.WriteNumber(name, f); break;
                case Guid g: json.WriteString(name, g); break;
                case byte[] bytes: json.WriteBase64String(name, bytes); break;
                case DateTimeOffset t: json.WriteString(name, t); break;
                case DateTime t: json.WriteString(name, t); break;
                default: json.WriteString(name, CsvText(values[i])); break;
            }
        }
        json.WriteEndObject();
    }

    // The same text a JSON string holds: ISO 8601 instants, enum names, invariant numbers.
    private static string CsvText(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Read back from the disk: the digest is of the bytes a recipient receives, not of what we meant to write.
    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record Manifest(string Format, ManifestTenant Tenant, DateTimeOffset GeneratedAt, IReadOnlyList<ManifestFile> Files);

    private sealed record ManifestTenant(Guid Id, string Slug, string Name);

    private sealed record ManifestFile(string File, string Table, string Entity, string Format, long Rows, string Sha256,
        IReadOnlyList<ManifestColumn> Columns, IReadOnlyList<string> OmittedColumns);

    private sealed record ManifestColumn(string Name, string Type, bool Nullable);
}

public sealed class TenantNotFoundException(string slug) : InvalidOperationException($"No tenant has the slug '{slug}'.");
