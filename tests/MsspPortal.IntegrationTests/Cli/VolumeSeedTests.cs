using Microsoft.Data.Sqlite;
using MsspPortal.Cli;
using MsspPortal.Web.Demo;

namespace MsspPortal.IntegrationTests.Cli;

public sealed class VolumeSeedTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mssp-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Seed_alerts_spreads_them_over_the_tenants_makes_the_analyst_a_member_of_each_and_writes_their_history()
    {
        var (exit, output, error) = await RunAsync("seed", "--alerts", "3000", "--tenants", "4", "--data", _data);

        Assert.True(exit == 0, error);
        Assert.Contains($"{VolumeSeeder.AnalystEmail} / {VolumeSeeder.Password}", output, StringComparison.Ordinal);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_data, "portal.db")};Mode=ReadOnly");
        await db.OpenAsync();

        var perTenant = await RowsAsync(db, "SELECT t.Slug, count(a.Id) FROM Tenants t LEFT JOIN Alerts a ON a.TenantId = t.Id GROUP BY t.Slug ORDER BY t.Slug");
        Assert.Equal(["tenant-001", "tenant-002", "tenant-003", "tenant-004"], perTenant.Select(r => r.Key));
        Assert.Equal(3000, perTenant.Sum(r => r.Count));
        Assert.All(perTenant, r => Assert.True(r.Count > 0, $"{r.Key} has no alert"));

        var memberships = await RowsAsync(db, $"""
            SELECT m.Role, count(DISTINCT m.TenantId) FROM Memberships m JOIN AspNetUsers u ON u.Id = m.UserId
            WHERE u.Email = '{VolumeSeeder.AnalystEmail}' GROUP BY m.Role
            """);
        Assert.Equal([("Analyst", 4L)], memberships.Select(r => (r.Key, r.Count)));

        // Every alert was raised with its history row, and every status it is in has the change that put it there.
        Assert.Equal(3000, await ScalarAsync(db, "SELECT count(*) FROM AlertHistory WHERE Field = 'Status' AND \"To\" = 'New' AND Reason = 'Raised by detection'"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM Alerts a WHERE NOT EXISTS (SELECT 1 FROM AlertHistory h WHERE h.AlertId = a.Id AND h.TenantId = a.TenantId)"));
        Assert.Equal(0, await ScalarAsync(db, """
            SELECT count(*) FROM Alerts a WHERE a.Status <> 'New'
            AND NOT EXISTS (SELECT 1 FROM AlertHistory h WHERE h.AlertId = a.Id AND h.Field = 'Status' AND h."To" = a.Status)
            """));
        // A realistic mix: several statuses and severities, open work, some of it the analyst's, risk over a range.
        Assert.True(await ScalarAsync(db, "SELECT count(DISTINCT Status) FROM Alerts") >= 5);
        Assert.True(await ScalarAsync(db, "SELECT count(DISTINCT Severity) FROM Alerts") >= 3);
        Assert.True(await ScalarAsync(db, "SELECT count(*) FROM Alerts WHERE Status = 'New'") > 0);
        Assert.True(await ScalarAsync(db, $"SELECT count(*) FROM Alerts a JOIN AspNetUsers u ON u.Id = a.AssigneeId WHERE u.Email = '{VolumeSeeder.AnalystEmail}'") > 0);
        Assert.True(await ScalarAsync(db, "SELECT max(RiskScore) - min(RiskScore) FROM Alerts") >= 50);
    }

    [Fact]
    public async Task Seed_alerts_refuses_a_database_that_has_tenants()
    {
        await RunAsync("seed", "--alerts", "10", "--tenants", "1", "--data", _data);

        var (exit, _, error) = await RunAsync("seed", "--alerts", "10", "--tenants", "1", "--data", _data);

        Assert.Equal(1, exit);
        Assert.Contains("already has tenants", error, StringComparison.Ordinal);
    }

    private static async Task<List<(string Key, long Count)>> RowsAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return rows;
    }

    private static async Task<long> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
