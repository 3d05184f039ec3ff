using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The alerts detection raised in a chunk, inserted through the bulk path (SQLite, inside the chunk's transaction)
// instead of EF's save: EF wrote each with a command of its own and read its id back, 3-6 ms per chunk that raised
// any (1M bench events: ~40 such chunks). Every mapped column is written (BulkTables.Alerts, checked against the
// model by BulkTableTests); the ids SQLite gives are set on the entries, which become Unchanged, so EF's save that
// follows fixes up what refers to them (contributions) and writes only those.
internal static class NewAlerts
{
    public static int Insert(PortalDbContext db, ITenantContext tenant)
    {
        var added = db.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0)
        {
            return 0;
        }
        var insert = SqliteBulkInsert<Alert>.Open(db, BulkTables.Alerts)
            ?? throw new InvalidOperationException("New alerts are written on the chunk's SQLite connection.");
        var ids = new long[added.Count];
        insert.Insert(tenant, added.ConvertAll(e => e.Entity), ids);
        for (var i = 0; i < added.Count; i++)
        {
            var key = added[i].Property(a => a.Id);
            key.CurrentValue = ids[i];
            key.IsTemporary = false;
            added[i].State = EntityState.Unchanged;
        }
        return added.Count;
    }
}
