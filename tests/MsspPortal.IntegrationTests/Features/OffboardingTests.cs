using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Cli;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Offboarding;

namespace MsspPortal.IntegrationTests.Features;

public sealed class OffboardingTests(PortalFactory factory) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "mssp-offboarding-tests", Guid.NewGuid().ToString("N"));

    // Found by reflection over the domain assembly, not through the EF model the export walks: a tenant-owned type
    // that the model or the export misses fails here.
    private static readonly Type[] TenantOwnedTypes = [.. typeof(ITenantOwned).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITenantOwned).IsAssignableFrom(t))];

    [Fact]
    public async Task Export_holds_every_tenant_owned_table_with_counts_and_digests_that_match_and_nothing_of_another_tenant()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ex");
        var other = await TestTenant.CreateAsync(factory, "ot");
        var directory = Path.Combine(_out, "export");

        var export = await SendAsync(new ExportTenant(tenant.Slug, directory));

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "manifest.json")));
        Assert.Equal("mssp-tenant-export/1", manifest.RootElement.GetProperty("format").GetString());
        Assert.Equal(tenant.Id, manifest.RootElement.GetProperty("tenant").GetProperty("id").GetGuid());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        await using var scope = factory.PlatformScope(out var db);
        foreach (var type in TenantOwnedTypes)
        {
            var table = db.Model.FindEntityType(type)?.GetTableName();
            Assert.True(table is not null, $"{type.Name} is ITenantOwned but not in the EF model.");
            Assert.True(files.ContainsKey(table + ".jsonl"), $"{type.Name} ({table}) is missing from the export.");
            var expected = await CountAsync(db, type, tenant.Id);
            var path = Path.Combine(directory, table + ".jsonl");
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(expected, lines.Length);
            Assert.Equal(expected, files[table + ".jsonl"].GetProperty("rows").GetInt64());
            Assert.All(lines, line => Assert.Equal(tenant.Id, JsonDocument.Parse(line).RootElement.GetProperty("TenantId").GetGuid()));
        }
        // The test tenant has a row in every table it seeds (RowIds) and more besides.
        Assert.True(export.Files.Count(f => f.Rows > 0) >= 20, string.Join(", ", export.Files.Where(f => f.Rows > 0).Select(f => f.Name)));
        Assert.Equal(1, files["Tenants.jsonl"].GetProperty("rows").GetInt64());
        foreach (var (name, file) in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(directory, name));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.GetProperty("sha256").GetString());
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain(other.Marker, text, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
        // Text of the tenant's own rows is there, and the CSVs have a header and one line per row.
        Assert.Contains($"alert-{tenant.Marker}", await File.ReadAllTextAsync(Path.Combine(directory, "Alerts.jsonl")), StringComparison.Ordinal);
        foreach (var csv in new[] { "SecurityEvents.csv", "Alerts.csv", "Incidents.csv" })
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(directory, csv));
            var columns = files[csv].GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
            Assert.Equal(string.Join(',', columns), lines[0]);
            Assert.Equal(files[csv].GetProperty("rows").GetInt64() + 1, lines.Length);
        }
        Assert.Contains("Content", files["RawBatchChunks.jsonl"].GetProperty("omittedColumns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Export_of_a_demo_tenant_matches_the_database_table_by_table()
    {
        var directory = Path.Combine(_out, "harbor");
        Guid harbor;
        Guid[] others;
        await using (var scope = factory.PlatformScope(out var db))
        {
            harbor = await db.Tenants.Where(t => t.Slug == "harbor-bank").Select(t => t.Id).SingleAsync();
            others = await db.Tenants.Where(t => t.Id != harbor).Select(t => t.Id).ToArrayAsync();
        }

        var export = await SendAsync(new ExportTenant("harbor-bank", directory));

        await using (var scope = factory.PlatformScope(out var db))
        {
            foreach (var type in TenantOwnedTypes)
            {
                var table = db.Model.FindEntityType(type)!.GetTableName();
                var file = export.Files.Single(f => f.Name == table + ".jsonl");
                Assert.Equal(await CountAsync(db, type, harbor), file.Rows);
                Assert.Equal(file.Rows, File.ReadLines(Path.Combine(directory, file.Name)).LongCount());
            }
        }
        Assert.True(export.Files.Single(f => f.Name == "SecurityEvents.jsonl").Rows > 100);
        foreach (var file in export.Files)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(directory, file.Name));
            Assert.All(others, id => Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Delete_counts_every_table_before_leaves_none_after_keeps_other_tenants_and_records_it_at_platform_level()
    {
        var tenant = await TestTenant.CreateAsync(factory, "de");
        var other = await TestTenant.CreateAsync(factory, "kp");
        var othersBefore = await CountsAsync(other.Id);

        var deletion = await SendAsync(new DeleteTenant(tenant.Slug, tenant.Slug, "test:operator"));

        Assert.True(deletion.Verified);
        Assert.Equal(1, deletion.Before["Tenants"]);
        Assert.True(deletion.Before["SecurityEvents"] > 0);
        Assert.True(deletion.Before["Memberships"] >= 4);
        Assert.True(deletion.Before.Count(c => c.Value > 0) >= 20);
        Assert.All(deletion.After.Values, n => Assert.Equal(0, n));
        // Counted again here, by this test's own queries.
        Assert.All(await CountsAsync(tenant.Id), c => Assert.True(c.Value == 0, $"{c.Key}: {c.Value} rows left"));
        Assert.Equal(othersBefore, await CountsAsync(other.Id));
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.Tenants.AnyAsync(t => t.Id == tenant.Id));
            var record = await db.PlatformAuditRecords.SingleAsync(r => r.Id == deletion.RecordId);
            Assert.Equal((DeleteTenantHandler.Action, "test:operator", tenant.Id, tenant.Slug), (record.Action, record.Actor, record.SubjectTenantId, record.TenantSlug));
            Assert.NotNull(record.CompletedAt);
            using var details = JsonDocument.Parse(record.Details);
            Assert.Equal(deletion.Before["Alerts"], details.RootElement.GetProperty("Before").GetProperty("Alerts").GetInt64());
            Assert.Equal(0, details.RootElement.GetProperty("After").GetProperty("Alerts").GetInt64());
        }

        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);
        Assert.Contains("href=\"/Platform/Audit\"", await admin.GetStringAsync("/Tenants"), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/Platform/Audit");
        Assert.Contains(tenant.Slug, page, StringComparison.Ordinal);
        Assert.Contains("test:operator", page, StringComparison.Ordinal);
        var auditor = await factory.SignInAsync(other.UserEmails[PortalRole.Auditor], TestTenant.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Platform/Audit")).StatusCode);
    }

    [Fact]
    public async Task Delete_is_refused_unless_confirm_repeats_the_slug()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rf");
        var before = await CountsAsync(tenant.Id);

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsync(new DeleteTenant(tenant.Slug, "harbor-bank", "test")));
        var (exit, _, error) = await RunCliAsync("tenant", "delete", tenant.Slug, "--confirm", tenant.Slug + "x", "--data", factory.DataDirectory);
        var (missing, _, _) = await RunCliAsync("tenant", "delete", tenant.Slug, "--data", factory.DataDirectory);

        Assert.Equal(1, exit);
        Assert.Contains("Refused", error, StringComparison.Ordinal);
        Assert.Equal(MsspCli.UsageError, missing);
        Assert.Equal(before, await CountsAsync(tenant.Id));
    }

    [Fact]
    public async Task The_cli_exports_then_deletes_a_tenant()
    {
        var tenant = await TestTenant.CreateAsync(factory, "cl");
        var directory = Path.Combine(_out, "cli");

        var (exportExit, exportOut, exportError) = await RunCliAsync("tenant", "export", tenant.Slug, "--out", directory, "--data", factory.DataDirectory);
        var (deleteExit, deleteOut, deleteError) = await RunCliAsync("tenant", "delete", tenant.Slug, "--confirm", tenant.Slug, "--data", factory.DataDirectory);
        var (againExit, _, againError) = await RunCliAsync("tenant", "export", tenant.Slug, "--out", Path.Combine(_out, "again"), "--data", factory.DataDirectory);

        Assert.True(exportExit == 0, exportError);
        Assert.Contains("Alerts.jsonl\t1\t", exportOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory, "manifest.json")));
        Assert.True(deleteExit == 0, deleteError);
        Assert.Contains("Alerts\t1\t0", deleteOut, StringComparison.Ordinal);
        Assert.Contains($"Deleted {tenant.Slug}", deleteOut, StringComparison.Ordinal);
        Assert.Equal(1, againExit);
        Assert.Contains("No tenant has the slug", againError, StringComparison.Ordinal);
        Assert.All(await CountsAsync(tenant.Id), c => Assert.Equal(0, c.Value));
    }

    private async Task<T> SendAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = factory.PlatformScope(out _);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<Dictionary<string, long>> CountsAsync(Guid tenantId)
    {
        await using var scope = factory.PlatformScope(out var db);
        var counts = new Dictionary<string, long>();
        foreach (var type in TenantOwnedTypes)
        {
            counts[type.Name] = await CountAsync(db, type, tenantId);
        }
        counts[nameof(Tenant)] = await db.Tenants.LongCountAsync(t => t.Id == tenantId);
        return counts;
    }

    private static Task<long> CountAsync(PortalDbContext db, Type type, Guid tenantId) =>
        (Task<long>)typeof(OffboardingTests).GetMethod(nameof(CountOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [db, tenantId])!;

    private static Task<long> CountOfAsync<T>(PortalDbContext db, Guid tenantId)
        where T : class, ITenantOwned =>
        db.Set<T>().LongCountAsync(e => e.TenantId == tenantId);

    private static async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MsspCli.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }
}
