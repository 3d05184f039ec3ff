using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Data;

public sealed class MigrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void Sql_server_migrations_generate_their_script_without_a_server()
    {
        // No SQL Server runs here: scripting needs only the model and the migration set, not a connection.
        using var db = new SqlServerPortalDbContext(
            new DbContextOptionsBuilder<SqlServerPortalDbContext>().UseSqlServer("Server=unused;Database=MsspPortal;Trusted_Connection=False").Options,
            new TenantContext());

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Alerts]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AlertHistory]", script, StringComparison.Ordinal);
        Assert.Contains("[RiskScore] int NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("datetimeoffset", script, StringComparison.Ordinal);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model changed without a migration: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task Sqlite_database_is_fully_migrated_in_wal_mode_with_no_pending_model_changes()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model changed without a migration: run scripts/add-migration.sh");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.StartsWith(factory.DataDirectory, connection.DataSource, StringComparison.Ordinal);
    }
}
