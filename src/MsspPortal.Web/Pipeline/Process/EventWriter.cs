using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Writes a chunk's events in bulk inside the chunk's transaction, instead of EF change tracking (which costs more
// than the parse): the SQL, the column list (SecurityEvents) and the tenant check live in Data/Bulk.
internal sealed class EventWriter(PortalDbContext db, ITenantContext tenant)
{
    // Inserts the events, sets their ids and returns the ids in input order. The events of one call come from one
    // chunk.
    public async Task<long[]> InsertAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        var ids = new long[events.Count];
        if (events.Count == 0)
        {
            return ids;
        }
        if (db.OnSqlite)
        {
            var insert = SqliteBulkInsert<SecurityEvent>.Open(db, BulkTables.SecurityEvents)
                ?? throw new InvalidOperationException("Events are written inside the chunk's transaction.");
            insert.Insert(tenant, events, ids);
        }
        else
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Events are written inside the chunk's transaction.");
            await SqlServerEventInsert.InsertAsync(transaction, db.Model, tenant, events, ids, cancellationToken);
        }
        for (var i = 0; i < events.Count; i++)
        {
            events[i].Id = ids[i];
        }
        return ids;
    }
}
