using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data.Bulk;
using SQLitePCL;

namespace MsspPortal.IntegrationTests.Data;

/// <summary>
/// The bulk writers' statements are prepared once per context and finalized with it: a pooled connection outlives the
/// context, and a statement left on it would keep the connection from closing (and its memory) for good.
/// </summary>
public sealed class SqliteStatementsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_statement_is_prepared_once_per_context_and_finalized_when_the_context_is_disposed()
    {
        sqlite3 handle;
        int before;
        var scope = factory.PlatformScope(out var db);
        await using (scope)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            handle = SqliteStatement.HandleOf(db) ?? throw new InvalidOperationException("No SQLite handle inside the transaction.");
            before = StatementBytes(handle); // what EF and the connection hold themselves
            var first = db.Statements.Get(handle, "SELECT COUNT(*) FROM \"Tenants\"");
            var again = db.Statements.Get(handle, "SELECT COUNT(*) FROM \"Tenants\"");
            var other = db.Statements.Get(handle, "SELECT COUNT(*) FROM \"Alerts\"");

            Assert.Same(first, again);
            Assert.NotSame(first, other);
            Assert.Equal(2, db.Statements.Count);
            Assert.True(StatementBytes(handle) > before);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, db.Statements.Count);
        Assert.Equal(before, StatementBytes(handle)); // the pooled connection holds nothing of the context
    }

    [Fact]
    public async Task Statements_of_an_earlier_connection_are_finalized_before_another_connection_is_used()
    {
        await using var scope = factory.PlatformScope(out var db);
        var statements = new SqliteStatements();
        using var one = new SqliteConnection(db.Database.GetConnectionString());
        using var two = new SqliteConnection(db.Database.GetConnectionString() + ";Pooling=False");
        await one.OpenAsync();
        await two.OpenAsync();
        var (oneBefore, twoBefore) = (StatementBytes(one.Handle!), StatementBytes(two.Handle!));

        statements.Get(one.Handle!, "SELECT 1");
        Assert.True(StatementBytes(one.Handle!) > oneBefore);
        statements.Get(two.Handle!, "SELECT 1");

        Assert.Equal(oneBefore, StatementBytes(one.Handle!));
        Assert.True(StatementBytes(two.Handle!) > twoBefore);
        statements.Dispose();
        Assert.Equal(twoBefore, StatementBytes(two.Handle!));
    }

    // Memory the connection's prepared statements hold (SQLITE_DBSTATUS_STMT_USED).
    private static int StatementBytes(sqlite3 handle)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_STMT_USED, out var used, out _, 0));
        return used;
    }
}
