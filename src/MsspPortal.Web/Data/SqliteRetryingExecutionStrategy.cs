using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace MsspPortal.Web.Data;

// Retries a unit of work that SQLite refused because another connection held the lock (busy, locked), as SQL
// Server's retrying strategy does for transient faults. Off by default (the busy timeout already waits); switched
// on with Database:RetryOnFailure. It also makes SQLite refuse, as SQL Server does, a transaction begun outside
// CreateExecutionStrategy().ExecuteAsync(...) , so tests catch that on the embedded database.
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount = 5)
    : ExecutionStrategy(dependencies, maxRetryCount, TimeSpan.FromSeconds(5))
{
    protected override bool ShouldRetryOn(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED
}
