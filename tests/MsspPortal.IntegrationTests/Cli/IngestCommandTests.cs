using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Host;
using MsspPortal.Cli;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Cli;

public sealed class IngestCommandTests : IDisposable
{
    private const string AuthLog = "syslog/auth/auth.log";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "mssp-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Ingest_stores_the_file_as_a_cli_batch_of_the_named_source_processes_it_and_prints_a_summary()
    {
        await RunAsync("seed", "--demo", "--data", _data);

        var (exit, output, error) = await RunAsync("ingest", Fixtures.Path(AuthLog), "--tenant", "orbit-saas", "--source", "bastion-auth", "--data", _data);

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(Fixtures.Path(AuthLog)).Count(l => !string.IsNullOrWhiteSpace(l));
        await using var scope = PlatformScope(out var db);
        var orbit = await db.Tenants.SingleAsync(t => t.Slug == "orbit-saas");
        var source = await db.LogSources.SingleAsync(s => s.TenantId == orbit.Id && s.Name == "bastion-auth");
        // The demo sent this source six months of batches through the API; the CLI's is the only one of its channel.
        var batch = await db.RawBatches.SingleAsync(b => b.LogSourceId == source.Id && b.Channel == IngestChannel.Cli);
        Assert.Equal((IngestChannel.Cli, BatchState.Done, lines), (batch.Channel, batch.State, batch.LineCount));
        Assert.Equal(lines, batch.EventsWritten + batch.LinesQuarantined);
        Assert.Equal(batch.EventsWritten, await db.SecurityEvents.CountAsync(e => e.BatchId == batch.Id && e.TenantId == orbit.Id));
        Assert.Contains($"Batch {batch.Id}: {lines} lines, {batch.EventsWritten} events, {batch.LinesQuarantined} quarantined", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_the_same_file_twice_reports_the_duplicate_and_processes_nothing_again()
    {
        await RunAsync("seed", "--demo", "--data", _data);
        await RunAsync("ingest", Fixtures.Path(AuthLog), "--tenant", "orbit-saas", "--source", "bastion-auth", "--data", _data);

        var (exit, output, _) = await RunAsync("ingest", Fixtures.Path(AuthLog), "--tenant", "orbit-saas", "--source", "bastion-auth", "--data", _data);

        Assert.Equal(0, exit);
        Assert.Contains("already ingested", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-tenant", "bastion-auth", "No tenant with slug 'no-such-tenant'")]
    [InlineData("orbit-saas", "no-such-source", "has no log source 'no-such-source'")]
    [InlineData("harbor-bank", "bastion-auth", "has no log source 'bastion-auth'")]
    public async Task An_unknown_tenant_or_a_source_of_another_tenant_is_a_clear_error_with_exit_1(string tenant, string source, string message)
    {
        await RunAsync("seed", "--demo", "--data", _data);

        var (exit, _, error) = await RunAsync("ingest", Fixtures.Path(AuthLog), "--tenant", tenant, "--source", source, "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ingest", "file.log", "--tenant", "orbit-saas")]
    [InlineData("ingest", "--tenant", "orbit-saas", "--source", "bastion-auth")]
    public async Task Missing_arguments_are_a_usage_error(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(MsspCli.UsageError, exit);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    private AsyncServiceScope PlatformScope(out PortalDbContext db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Portal:DataDirectory", _data)]).Build();
        var services = new ServiceCollection().AddLogging().AddPortal(configuration).BuildServiceProvider();
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return scope;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MsspCli.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
