using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using SQLitePCL;

namespace MsspPortal.Web.Features.Detection;

/// <summary>
/// Writes the alert-to-event links of one chunk: up to <see cref="AlertEvent.MaxPerAlert"/> per alert, thousands per
/// chunk under a flood. Through EF each link was a tracked entity and its own statement (about half the detection
/// stage's time); on SQLite they go through one prepared statement, bound by position, in the chunk's transaction.
/// The caller has saved the alerts, so every alert has its id.
/// </summary>
internal static class AlertEventLinks
{
    private const string Sql = "INSERT INTO \"AlertEvents\" (\"TenantId\", \"AlertId\", \"EventId\") VALUES (?1, ?2, ?3)";

    public static async Task InsertAsync(PortalDbContext db, Guid tenantId, IReadOnlyList<(Alert Alert, long EventId)> links, CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }
        if (db.Database.IsSqlite() && db.Database.GetDbConnection() is SqliteConnection { Handle: { } handle }
            && db.Database.CurrentTransaction is not null)
        {
            // The same text EF writes for a Guid on SQLite (upper case), so tenant filters match these rows.
            var tenantText = tenantId.ToString().ToUpperInvariant();
            Check(handle, raw.sqlite3_prepare_v2(handle, Sql, out var statement));
            using (statement)
            {
                foreach (var (alert, eventId) in links)
                {
                    Check(handle, raw.sqlite3_bind_text16(statement, 1, tenantText.AsSpan()));
                    Check(handle, raw.sqlite3_bind_int64(statement, 2, alert.Id));
                    Check(handle, raw.sqlite3_bind_int64(statement, 3, eventId));
                    var rc = raw.sqlite3_step(statement);
                    raw.sqlite3_reset(statement);
                    Check(handle, rc);
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

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
        }
    }
}
