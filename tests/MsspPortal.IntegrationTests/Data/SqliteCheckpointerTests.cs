using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;

namespace MsspPortal.IntegrationTests.Data;

public sealed class SqliteCheckpointerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_passive_checkpoint_copies_every_committed_wal_frame_into_the_database()
    {
        await TestTenant.CreateAsync(factory, "ckpt"); // commits a few transactions, so the WAL has frames

        Assert.NotNull(factory.Services.GetService<SqliteCheckpointer>()); // hosted in the All and Worker roles (tests run as Web)
        await using var scope = factory.PlatformScope(out var db);
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var write = connection.CreateCommand())
        {
            write.CommandText = "CREATE TABLE IF NOT EXISTS checkpoint_probe (x INTEGER); INSERT INTO checkpoint_probe VALUES (1);";
            await write.ExecuteNonQueryAsync();
        }

        var (frames, checkpointed) = await SqliteCheckpointer.CheckpointAsync(connection, CancellationToken.None);

        Assert.True(frames > 0, "the WAL had no frames: the database is not in WAL mode");
        Assert.Equal(frames, checkpointed);
    }
}
