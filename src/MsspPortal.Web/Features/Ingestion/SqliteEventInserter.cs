using System.Text;
using Microsoft.Data.Sqlite;
using MsspPortal.Web.Domain;
using SQLitePCL;

namespace MsspPortal.Web.Features.Ingestion;

/// <summary>
/// SQLite's bulk path, one level below ADO.NET: one statement prepared per chunk, parameters bound by position,
/// step, reset. Microsoft.Data.Sqlite binds every parameter by name on every execution (a linear lookup each,
/// quadratic over a multi-row statement), which costs more than SQLite's own insert. Runs on the connection, and
/// so inside the transaction, that EF opened. Values still travel only as bound parameters.
/// </summary>
internal sealed class SqliteEventInserter : IDisposable
{
    private const string Sql =
        "INSERT INTO \"SecurityEvents\" (\"TenantId\", \"LogSourceId\", \"BatchId\", \"LineNumber\", \"Timestamp\", \"ReceivedAt\", " +
        "\"SourceIp\", \"SourcePort\", \"DestinationIp\", \"DestinationPort\", \"UserName\", \"HostName\", \"Action\", \"Outcome\", " +
        "\"Category\", \"Severity\", \"VendorSignature\", \"Truncated\", \"RawLine\") " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

    private static readonly string[] Outcomes = Enum.GetNames<Core.Events.EventOutcome>();

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteBinder _bind;
    private Guid _tenant;
    private string _tenantText = "";
    private byte[] _utf8 = new byte[4096];

    public SqliteEventInserter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
        _bind = SqliteBinder.For(_statement);
    }

    public long Insert(SecurityEvent e)
    {
        if (_tenantText.Length == 0 || e.TenantId != _tenant)
        {
            // SQLite keeps Guids as upper-case text (EF's convention): convert once per tenant, not per row.
            (_tenant, _tenantText) = (e.TenantId, e.TenantId.ToString().ToUpperInvariant());
        }
        Text(1, _tenantText);
        Check(_bind.Int64(2, e.LogSourceId));
        Int(3, e.BatchId);
        Check(_bind.Int64(4, e.LineNumber));
        // DateTimeOffset is stored as UTC ticks on SQLite (see SqlitePortalDbContext).
        Check(_bind.Int64(5, e.Timestamp.UtcTicks));
        Check(_bind.Int64(6, e.ReceivedAt.UtcTicks));
        Text(7, e.SourceIp);
        Int(8, e.SourcePort);
        Text(9, e.DestinationIp);
        Int(10, e.DestinationPort);
        Text(11, e.UserName);
        Text(12, e.HostName);
        Text(13, e.Action);
        Text(14, Outcomes[(int)e.Outcome]);
        Text(15, e.Category);
        Check(_bind.Int64(16, e.Severity));
        Text(17, e.VendorSignature);
        Check(_bind.Int64(18, e.Truncated ? 1 : 0));
        Text(19, e.RawLine);
        var result = _bind.Step();
        _bind.Reset();
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
        return _bind.LastInsertRowId(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(_bind.Null(index));
            return;
        }
        // The database is UTF-8: handing SQLite UTF-16 makes it convert every value in its own (scalar) code, which
        // cost more than the vectorised encoder here. The buffer is reused; SQLite copies the bytes it is given.
        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < needed)
        {
            _utf8 = new byte[Math.Max(needed, _utf8.Length * 2)];
        }
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(_bind.Text(index, _utf8.AsSpan(0, length)));
    }

    private void Int(int index, long? value) => Check(value is { } v ? _bind.Int64(index, v) : _bind.Null(index));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
