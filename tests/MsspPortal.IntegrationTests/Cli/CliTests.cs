using MsspPortal.Cli;

namespace MsspPortal.IntegrationTests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mssp-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Seed_demo_then_tenants_lists_the_three_demo_tenants()
    {
        var (seedExit, seedOut, _) = await RunAsync("seed", "--demo", "--data", _data);
        var (listExit, listOut, _) = await RunAsync("tenants", "--data", _data);

        Assert.Equal(0, seedExit);
        Assert.Contains("analyst@mssp.example", seedOut, StringComparison.Ordinal);
        Assert.Equal(0, listExit);
        Assert.Equal(["harbor-bank\tHarbor Bank", "northwind-shop\tNorthwind Shop", "orbit-saas\tOrbit SaaS"],
            listOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.True(File.Exists(Path.Combine(_data, "portal.db")));
    }

    [Fact]
    public async Task Seeding_a_database_that_has_tenants_refuses_and_changes_nothing()
    {
        await RunAsync("seed", "--demo", "--data", _data);

        var (exit, _, error) = await RunAsync("seed", "--demo", "--data", _data);
        var (_, list, _) = await RunAsync("tenants", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("already has tenants", error, StringComparison.Ordinal);
        Assert.Equal(3, list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Attack_import_reads_a_technique_csv_and_prints_the_MITRE_notice()
    {
        Directory.CreateDirectory(_data);
        var csv = Path.Combine(_data, "techniques.csv");
        await File.WriteAllTextAsync(csv, "technique_id,name,tactics\nT1110,Brute Force,Credential Access\nT1566,Phishing,Initial Access\n");

        var (exit, output, _) = await RunAsync("attack", "import", csv, "--data", _data);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 14 tactics and 2 techniques.", output, StringComparison.Ordinal);
        Assert.Contains("MITRE", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("seed")]
    [InlineData("tenants", "--nope")]
    [InlineData]
    public async Task Usage_errors_print_help_and_exit_2(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(MsspCli.UsageError, exit);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
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
