using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using SQLitePCL;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// Writes the alert-to-event links of one chunk: up to <see cref="AlertEvent.MaxPerAlert"/> per alert, thousands per
/// chunk under a flood. Through EF each link was a tracked entity and its own statement (about half the detection
/// stage's time); on SQLite they go through one prepared statement, bound by position, in the chunk's transaction.
/// The caller has saved the alerts, so every alert has its id.
/// </summary>
internal static class AlertEventLinks
{
    private const string Sql = "INSERT INTO \"AlertEvents\" (\"TenantId\", \"AlertId\", \"EventId\") VALUES (?1, ?2, ?3)";

    public static async Task InsertAsync(PortalDbContext db, ITenantContext tenant, Guid tenantId, IReadOnlyList<(Alert Alert, long EventId)> links,
        CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }
        if (!tenant.CanAccess(tenantId))
        {
            throw new TenantAccessViolationException(nameof(AlertEvent), tenantId);
        }
        if (SqliteRows.Open(db, Sql) is { } rows)
        {
            using (rows)
            {
                var tenantText = SqliteRows.TenantText(tenantId);
                foreach (var (alert, eventId) in links)
                {
                    rows.Text(1, tenantText);
                    rows.Int64(2, alert.Id);
                    rows.Int64(3, eventId);
                    rows.Insert();
                }
            }
            return;
        }
        foreach (var (alert, eventId) in links)
        {
            db.AlertEvents.Add(new AlertEvent { TenantId = tenantId, AlertId = alert.Id, EventId = eventId });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// The history rows that detection adds to alerts (one per extended or rescored alert per chunk): on SQLite they are
/// taken out of EF's save (an insert with RETURNING each) and written through one prepared statement after the alerts.
/// History stays complete: every row EF would have written is written, in the same transaction.
/// </summary>
internal sealed class AlertHistoryRows
{
    private const string Sql = "INSERT INTO \"AlertHistory\" (\"TenantId\", \"AlertId\", \"UserId\", \"At\", \"Field\", \"From\", \"To\", \"Reason\") " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    private readonly List<(Alert Alert, AlertHistory Row)> _rows = [];

    /// <summary>
    /// Detects changes, then takes the new history rows of tracked alerts out of the change tracker (SQLite only, inside
    /// a transaction). The caller saves with automatic change detection off, so EF does not find them again.
    /// </summary>
    public static AlertHistoryRows? TakeNew(PortalDbContext db, ITenantContext tenant)
    {
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is null)
        {
            return null;
        }
        db.ChangeTracker.DetectChanges();
        // One scan is enough: with automatic detection on, Entries() and Entry() would scan every tracked row again.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return Take(db, tenant);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static AlertHistoryRows Take(PortalDbContext db, ITenantContext tenant)
    {
        var taken = new AlertHistoryRows();
        // Snapshots: changing an entry's state lets EF fix up navigations, which would upset a live enumeration.
        foreach (var entry in db.ChangeTracker.Entries<Alert>().ToList())
        {
            foreach (var row in entry.Entity.History.ToList())
            {
                var rowEntry = db.Entry(row);
                if (rowEntry.State == EntityState.Added)
                {
                    if (!tenant.CanAccess(row.TenantId))
                    {
                        throw new TenantAccessViolationException(nameof(AlertHistory), row.TenantId);
                    }
                    rowEntry.State = EntityState.Detached;
                    taken._rows.Add((entry.Entity, row));
                }
            }
        }
        return taken;
    }

    public void Insert(PortalDbContext db)
    {
        if (_rows.Count == 0)
        {
            return;
        }
        using var rows = SqliteRows.Open(db, Sql) ?? throw new InvalidOperationException("History rows are written on the chunk's SQLite connection.");
        foreach (var (alert, row) in _rows)
        {
            rows.Text(1, SqliteRows.TenantText(row.TenantId));
            rows.Int64(2, alert.Id);
            rows.Text(3, row.UserId);
            // DateTimeOffset is stored as UTC ticks on SQLite (see SqlitePortalDbContext).
            rows.Int64(4, row.At.UtcTicks);
            rows.Text(5, row.Field);
            rows.Text(6, row.From);
            rows.Text(7, row.To);
            rows.Text(8, row.Reason);
            row.Written(rows.Insert(), alert.Id);
        }
    }
}

/// <summary>One prepared INSERT on the context's open SQLite connection, bound by position (see <see cref="SqliteBinder"/>).</summary>
internal sealed class SqliteRows : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteBinder _bind;

    private SqliteRows(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
        _bind = SqliteBinder.For(_statement);
    }

    /// <summary>Null unless the context is on SQLite with its connection open and a transaction running.</summary>
    public static SqliteRows? Open(PortalDbContext db, string sql) =>
        db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle } && db.Database.CurrentTransaction is not null
            ? new SqliteRows(handle, sql)
            : null;

    /// <summary>The same text EF writes for a Guid on SQLite (upper case), so tenant filters match these rows.</summary>
    public static string TenantText(Guid tenantId) => tenantId.ToString().ToUpperInvariant();

    public void Int64(int index, long value) => Check(_bind.Int64(index, value));

    /// <summary>A provider value as EF would bind it on SQLite (after the property's value converter).</summary>
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
                Text(index, TenantText(guid));
                break;
            case long or int or short or byte:
                Int64(index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"No SQLite binding for {value.GetType().Name}.");
        }
    }

    /// <summary>Runs a statement that returns no rows (an UPDATE).</summary>
    public void Execute()
    {
        var rc = _bind.Step();
        _bind.Reset();
        Check(rc);
    }

    public void Text(int index, string? value) => Check(_bind.Text(index, value));

    /// <summary>Runs the insert with the values bound so far and returns the new row id.</summary>
    public long Insert()
    {
        var rc = _bind.Step();
        _bind.Reset();
        Check(rc);
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

/// <summary>
/// The alerts that detection extended or rescored (tens per chunk; through EF each was an UPDATE with its own
/// command): on SQLite written here by one prepared statement per set of changed columns, only the changed columns as
/// EF would, then marked unchanged so EF's save skips them. Values pass through each property's value converter.
/// </summary>
internal static class AlertUpdates
{
    public static void Write(PortalDbContext db, ITenantContext tenant)
    {
        var statements = new Dictionary<string, SqliteRows>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Modified).ToList())
            {
                // What the SaveChanges guard (TenantWriteGuard) checks for every write it sees, checked here for these.
                if (!tenant.CanAccess(entry.Entity.TenantId) || entry.Property(a => a.TenantId).IsModified)
                {
                    throw new TenantAccessViolationException(nameof(Alert), entry.Entity.TenantId);
                }
                var changed = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).ToList();
                if (changed.Count > 0)
                {
                    var columns = changed.Select(p => p.Metadata.GetColumnName()).ToList();
                    var shape = string.Join(',', columns);
                    if (!statements.TryGetValue(shape, out var rows))
                    {
                        var sql = "UPDATE \"Alerts\" SET " + string.Join(", ", columns.Select((c, i) => $"\"{c}\" = ?{i + 1}")) +
                            $" WHERE \"Id\" = ?{columns.Count + 1}";
                        rows = SqliteRows.Open(db, sql) ?? throw new InvalidOperationException("Alerts are updated on the chunk's SQLite connection.");
                        statements[shape] = rows;
                    }
                    for (var i = 0; i < changed.Count; i++)
                    {
                        var property = changed[i];
                        var converter = property.Metadata.GetTypeMapping().Converter;
                        rows.Value(i + 1, converter is null ? property.CurrentValue : converter.ConvertToProvider(property.CurrentValue));
                    }
                    rows.Int64(changed.Count + 1, entry.Entity.Id);
                    rows.Execute();
                }
                entry.State = EntityState.Unchanged;
            }
        }
        finally
        {
            foreach (var rows in statements.Values)
            {
                rows.Dispose();
            }
        }
    }
}
