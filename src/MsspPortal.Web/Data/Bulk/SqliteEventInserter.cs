using System.Text;
using Microsoft.Data.Sqlite;
using MsspPortal.Web.Domain;
using SQLitePCL;

namespace MsspPortal.Web.Data.Bulk;

/// <summary>
/// SQLite's bulk path, one level below ADO.NET: statements prepared once per chunk, parameters bound by position, step,
/// reset. Microsoft.Data.Sqlite binds every parameter by name on every execution (a linear lookup each, quadratic over
/// a multi-row statement), which costs more than SQLite's own insert; bound by position, a statement of
/// <see cref="RowsPerStatement"/> rows pays SQLite's per-statement work (opening cursors on the table and its index,
/// the AUTOINCREMENT bookkeeping) once for all of them. Runs on the connection, and so inside the transaction, that EF
/// opened. Values still travel only as bound parameters.
/// </summary>
internal sealed class SqliteEventInserter : IDisposable
{
    public const int RowsPerStatement = 32;

    private const int Columns = 20;

    private static readonly string[] Outcomes = Enum.GetNames<Core.Events.EventOutcome>();

    private readonly sqlite3 _db;
    private readonly Statement _many;
    private readonly Statement _one;
    private Guid _tenant;
    private string _tenantText = "";

    public SqliteEventInserter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _many = new Statement(this, RowsPerStatement);
        _one = new Statement(this, 1);
    }

    /// <summary>
    /// Inserts the events in order and returns their ids. Inside one write transaction SQLite gives each new row the
    /// largest id so far plus one, so the rows of one statement hold consecutive ids ending at the last insert's.
    /// </summary>
    public long[] Insert(IReadOnlyList<SecurityEvent> events)
    {
        var ids = new long[events.Count];
        var next = 0;
        while (next < events.Count)
        {
            var statement = events.Count - next >= RowsPerStatement ? _many : _one;
            for (var row = 0; row < statement.Rows; row++)
            {
                Bind(statement.Bind, row * Columns, events[next + row]);
            }
            var last = statement.Execute();
            for (var row = 0; row < statement.Rows; row++)
            {
                ids[next + row] = last - statement.Rows + 1 + row;
            }
            next += statement.Rows;
        }
        return ids;
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }

    private void Bind(SqliteBinder bind, int offset, SecurityEvent e)
    {
        if (_tenantText.Length == 0 || e.TenantId != _tenant)
        {
            // SQLite keeps Guids as upper-case text (EF's convention): convert once per tenant, not per row.
            (_tenant, _tenantText) = (e.TenantId, e.TenantId.ToString().ToUpperInvariant());
        }
        Text(bind, offset + 1, _tenantText);
        Check(bind.Int64(offset + 2, e.LogSourceId));
        Int(bind, offset + 3, e.BatchId);
        Check(bind.Int64(offset + 4, e.LineNumber));
        // DateTimeOffset is stored as UTC ticks on SQLite (see SqlitePortalDbContext).
        Check(bind.Int64(offset + 5, e.Timestamp.UtcTicks));
        Check(bind.Int64(offset + 6, e.ReceivedAt.UtcTicks));
        Text(bind, offset + 7, e.SourceIp);
        Int(bind, offset + 8, e.SourcePort);
        Text(bind, offset + 9, e.DestinationIp);
        Int(bind, offset + 10, e.DestinationPort);
        Text(bind, offset + 11, e.UserName);
        Text(bind, offset + 12, e.HostName);
        Text(bind, offset + 13, e.Action);
        Text(bind, offset + 14, Outcomes[(int)e.Outcome]);
        Text(bind, offset + 15, e.Category);
        Check(bind.Int64(offset + 16, e.Severity));
        Text(bind, offset + 17, e.VendorSignature);
        Check(bind.Int64(offset + 18, e.Truncated ? 1 : 0));
        Text(bind, offset + 19, e.RawLine);
        Check(bind.Int64(offset + 20, e.LineRecord));
    }

    private void Text(SqliteBinder bind, int index, string? value) => Check(bind.Text(index, value));

    private void Int(SqliteBinder bind, int index, long? value) => Check(value is { } v ? bind.Int64(index, v) : bind.Null(index));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }

    /// <summary>An INSERT of a fixed number of rows, with ?1..?(20 × rows) in row order.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly SqliteEventInserter _owner;
        private readonly sqlite3_stmt _statement;

        public Statement(SqliteEventInserter owner, int rows)
        {
            _owner = owner;
            Rows = rows;
            var sql = new StringBuilder("INSERT OR FAIL INTO \"SecurityEvents\" (\"TenantId\", \"LogSourceId\", \"BatchId\", \"LineNumber\", \"Timestamp\", ")
                .Append("\"ReceivedAt\", \"SourceIp\", \"SourcePort\", \"DestinationIp\", \"DestinationPort\", \"UserName\", \"HostName\", \"Action\", ")
                .Append("\"Outcome\", \"Category\", \"Severity\", \"VendorSignature\", \"Truncated\", \"RawLine\", \"LineRecord\") VALUES ");
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 1; column <= Columns; column++)
                {
                    sql.Append(column == 1 ? "?" : ", ?").Append((row * Columns) + column);
                }
                sql.Append(')');
            }
            owner.Check(raw.sqlite3_prepare_v2(owner._db, sql.ToString(), out _statement));
            Bind = SqliteBinder.For(_statement);
        }

        public int Rows { get; }

        public SqliteBinder Bind { get; }

        /// <summary>Runs the insert and returns the id of its last row.</summary>
        public long Execute()
        {
            var result = Bind.Step();
            Bind.Reset();
            if (result != raw.SQLITE_DONE)
            {
                _owner.Check(result);
            }
            return Bind.LastInsertRowId(_owner._db);
        }

        public void Dispose() => _statement.Dispose();
    }
}
