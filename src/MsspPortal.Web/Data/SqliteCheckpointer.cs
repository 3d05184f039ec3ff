using Microsoft.Data.Sqlite;

namespace MsspPortal.Web.Data;

// Copies committed WAL pages into the database file from its own connection, a few times a second. Otherwise SQLite
// checkpoints inside the commit that crosses wal_autocheckpoint (see SqlitePragmas): up to 64 MB copied and synced
// on the ingestion writer's thread. With this running, that commit finds almost nothing left to copy. PASSIVE
// neither waits for nor blocks readers and writers. Runs where jobs run (All, Worker roles) and in the CLI's bulk
// commands; the autocheckpoint stays as the bound when nothing runs it.
public sealed class SqliteCheckpointer(string connectionString, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // One passive checkpoint: how many WAL frames there are and how many are now in the database file.
    public static async Task<(int Frames, int Checkpointed)> CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(1), reader.GetInt32(2)) : (0, 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(connectionString);
                        await connection.OpenAsync(stoppingToken);
                    }
                    await CheckpointAsync(connection, stoppingToken);
                }
                catch (SqliteException ex)
                {
                    // Not fatal: the writers' own autocheckpoint still bounds the WAL. Reopen on the next tick.
                    logger.LogDebug(ex, "WAL checkpoint failed");
                    await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }
}
