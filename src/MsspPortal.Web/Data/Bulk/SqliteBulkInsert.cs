using MsspPortal.Web.Infrastructure.Tenancy;
using SQLitePCL;

namespace MsspPortal.Web.Data.Bulk;

// SQLite's bulk insert, one level below ADO.NET: statements prepared once per context, parameters bound by position,
// step, reset. Microsoft.Data.Sqlite binds every parameter by name on every execution (a linear lookup each,
// quadratic over a multi-row statement), which costs more than SQLite's own insert; bound by position, a statement
// of SqliteRowsPerStatement rows pays SQLite's per-statement work (opening cursors on the table and its indexes,
// the AUTOINCREMENT bookkeeping) once for all of them. Every row's tenant is checked first.
internal sealed class SqliteBulkInsert<TRow>
{
    private readonly sqlite3 _db;
    private readonly PortalDbContext _context;
    private readonly BulkTable<TRow> _table;
    private SqliteStatement? _many;
    private SqliteStatement? _one;

    private SqliteBulkInsert(sqlite3 db, PortalDbContext context, BulkTable<TRow> table)
    {
        (_db, _context, _table) = (db, context, table);
    }

    // Null unless the context is on SQLite with its connection open and a transaction running.
    public static SqliteBulkInsert<TRow>? Open(PortalDbContext db, BulkTable<TRow> table) =>
        SqliteStatement.HandleOf(db) is { } handle ? new SqliteBulkInsert<TRow>(handle, db, table) : null;

    // Inserts the rows in order; with ids as long as the rows, hands back their ids. Inside one write transaction
    // SQLite gives each new row the largest id so far plus one, so the rows of one statement hold consecutive ids
    // ending at the last insert's.
    public void Insert(ITenantContext tenant, IReadOnlyList<TRow> rows, Span<long> ids)
    {
        TenantBulkWriteGuard.CheckRows(tenant, _table, rows);
        var columns = _table.Columns;
        var perStatement = _table.SqliteRowsPerStatement;
        var next = 0;
        while (next < rows.Count)
        {
            var count = perStatement > 1 && rows.Count - next >= perStatement ? perStatement : 1;
            var statement = count == 1 ? _one ??= Prepare(1) : _many ??= Prepare(count);
            for (var row = 0; row < count; row++)
            {
                var offset = (row * columns.Length) + 1;
                var value = rows[next + row];
                for (var column = 0; column < columns.Length; column++)
                {
                    columns[column].Bind(statement, offset + column, value);
                }
            }
            var last = statement.Execute();
            if (!ids.IsEmpty)
            {
                for (var row = 0; row < count; row++)
                {
                    ids[next + row] = last - count + 1 + row;
                }
            }
            next += count;
        }
    }

    // Prepared once per context and connection (SqliteStatements), not per call.
    private SqliteStatement Prepare(int rows) => _context.Statements.Get(_db, _table.SqliteInsertSql(_context.Model, rows));
}
