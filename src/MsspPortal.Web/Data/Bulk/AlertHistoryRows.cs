using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The history rows that detection adds to alerts (one per extended or rescored alert per chunk): on SQLite they are
// taken out of EF's save (an insert with RETURNING each) and written through one prepared statement after the
// alerts. History stays complete: every row EF would have written is written, in the same transaction, with every
// column of AlertHistory.
internal sealed class AlertHistoryRows
{
    private readonly List<(Alert Alert, AlertHistory Row)> _rows = [];
    private readonly ITenantContext _tenant;

    private AlertHistoryRows(ITenantContext tenant) => _tenant = tenant;

    // Detects changes, then takes the new history rows of tracked alerts out of the change tracker (SQLite only,
    // inside a transaction). The caller saves with automatic change detection off, so EF does not find them again.
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
        var taken = new AlertHistoryRows(tenant);
        // Snapshots: changing an entry's state lets EF fix up navigations, which would upset a live enumeration.
        foreach (var entry in db.ChangeTracker.Entries<Alert>().ToList())
        {
            foreach (var row in entry.Entity.History.ToList())
            {
                var rowEntry = db.Entry(row);
                if (rowEntry.State == EntityState.Added)
                {
                    rowEntry.State = EntityState.Detached;
                    taken._rows.Add((entry.Entity, row));
                }
            }
        }
        return taken;
    }

    // Writes the rows once their alerts are saved (a new alert has its id only then); the tenant is checked first.
    public void Insert(PortalDbContext db)
    {
        if (_rows.Count == 0)
        {
            return;
        }
        using var insert = SqliteBulkInsert<(Alert Alert, AlertHistory Row)>.Open(db, BulkTables.AlertHistory)
            ?? throw new InvalidOperationException("History rows are written on the chunk's SQLite connection.");
        var ids = new long[_rows.Count];
        insert.Insert(_tenant, _rows, ids);
        for (var i = 0; i < _rows.Count; i++)
        {
            var (alert, row) = _rows[i];
            row.Written(ids[i], alert.Id);
        }
    }
}
