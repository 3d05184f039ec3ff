using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// Writes the alert-to-event links of one chunk: up to MaxPerAlert per alert, thousands per chunk under a flood.
// Through EF each link was a tracked entity and its own statement (about half the detection stage's time); on
// SQLite they go through one prepared statement in the chunk's transaction. The caller has saved the alerts, so
// every alert has its id.
internal static class AlertEventLinks
{
    public static async Task InsertAsync(PortalDbContext db, ITenantContext tenant, IReadOnlyList<(Alert Alert, long EventId)> links,
        CancellationToken cancellationToken)
    {
        if (links.Count == 0)
        {
            return;
        }
        if (SqliteBulkInsert<(Alert Alert, long EventId)>.Open(db, BulkTables.AlertEvents) is { } insert)
        {
            insert.Insert(tenant, links, []);
            return;
        }
        TenantBulkWriteGuard.CheckRows(tenant, BulkTables.AlertEvents, links);
        foreach (var (alert, eventId) in links)
        {
            db.AlertEvents.Add(new AlertEvent { TenantId = alert.TenantId, AlertId = alert.Id, EventId = eventId });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
