using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MsspPortal.Web.Data;

// Per-connection SQLite settings. synchronous=NORMAL in WAL mode syncs the WAL at checkpoints instead of on every
// commit: a committed transaction survives a crash of the process (the WAL is in the OS page cache and replayed on
// open); only a power loss or OS crash can roll back the last commits, never corrupt the database. That is the
// trade SQLite documents for WAL, and it removes an fsync from every chunk commit on the ingestion path. A 64 MB
// checkpoint threshold (instead of 4 MB) lets a checkpoint write an index page once for many chunks that touched
// it. The page cache stays at 2 MB per connection: with one event index, appended in time order, a larger cache (8
// MB was needed while an index led by source address took random inserts) bought nothing. Measured:
// docs/performance.md. Web, worker and stores write concurrently: with a busy timeout SQLite itself waits for the
// write lock, retrying within milliseconds, instead of returning "busy" to Microsoft.Data.Sqlite's coarser retry
// loop.
internal sealed class SqlitePragmas(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string _pragmas = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2048; PRAGMA wal_autocheckpoint=16384; " +
        $"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
