using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace MsspPortal.Web.Data.Bulk;

// One prepared statement on the context's open SQLite connection, and so inside the transaction EF opened, bound by
// position (see SqliteBinder). Values travel only as bound parameters.
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteBinder _bind;
    private Guid _guid;
    private string? _guidText;

    public SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
        _bind = SqliteBinder.For(_statement);
    }

    // The raw connection, or null unless the context is on SQLite with its connection open and a transaction
    // running.
    public static sqlite3? HandleOf(PortalDbContext db) =>
        db.OnSqlite && db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle } && db.Database.CurrentTransaction is not null
            ? handle
            : null;

    // The same text EF writes for a Guid on SQLite (upper case), so tenant filters match these rows.
    public static string GuidText(Guid value) => value.ToString().ToUpperInvariant();

    public void Int64(int index, long value) => Check(_bind.Int64(index, value));

    public void Int64(int index, long? value) => Check(value is { } v ? _bind.Int64(index, v) : _bind.Null(index));

    public void Text(int index, string? value) => Check(_bind.Text(index, value));

    // Text already encoded as UTF-8 (a large JSON document written straight into a buffer, never a string).
    public void Utf8Text(int index, ReadOnlySpan<byte> utf8) => Check(_bind.Text(index, utf8));

    // Rows the last statement run on this connection changed.
    public int Changes => raw.sqlite3_changes(_db);

    public void Guid(int index, Guid value)
    {
        if (_guidText is null || value != _guid)
        {
            // Converted once per tenant, not per row: a chunk's rows share one.
            (_guid, _guidText) = (value, GuidText(value));
        }
        Text(index, _guidText);
    }

    // A provider value as EF would bind it on SQLite (after the property's value converter).
    public void Value(int index, object? value)
    {
        switch (value)
        {
            case null:
                Check(_bind.Null(index));
                break;
            case string text:
                Text(index, text);
                break;
            case bool flag:
                Int64(index, flag ? 1 : 0);
                break;
            case double or float:
                Check(_bind.Double(index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
                break;
            case Guid guid:
                Guid(index, guid);
                break;
            case long or int or short or byte:
                Int64(index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}.");
        }
    }

    // Runs the statement with the values bound so far and returns the id of the last row it inserted.
    public long Execute()
    {
        var rc = _bind.Step();
        _bind.Reset();
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
        return _bind.LastInsertRowId(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
