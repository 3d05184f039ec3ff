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

    // Takes the new history rows out of the tracked alerts (SQLite only, inside a transaction), then detects the
    // alerts' own changes. Taken first, so the change tracker never sees the rows: when it found them itself it added
    // each as an entity (key generation, graph fix-up) only for this class to detach it again, a third of the save.
    // The caller saves with automatic change detection off, so EF does not look for them again.
    public static AlertHistoryRows? TakeNew(PortalDbContext db, ITenantContext tenant)
    {
        if (!db.OnSqlite || db.Database.CurrentTransaction is null)
        {
            return null;
        }
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var taken = Take(db, tenant);
            db.ChangeTracker.DetectChanges();
            return taken;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static AlertHistoryRows Take(PortalDbContext db, ITenantContext tenant)
    {
        var taken = new AlertHistoryRows(tenant);
        // A snapshot: detaching a row lets EF fix up navigations, which would upset a live enumeration.
        foreach (var entry in db.ChangeTracker.Entries<Alert>().ToList())
        {
            if (entry.Entity.TakeUnsavedHistory() is not { } rows)
            {
                continue;
            }
            foreach (var row in rows)
            {
                // Only a new alert's rows can be tracked (added with it); rows recorded after an alert was loaded or
                // attached are not, and looking each up cost an entry object apiece.
                if (entry.State == EntityState.Added && db.Entry(row) is { State: not EntityState.Detached } rowEntry)
                {
                    rowEntry.State = EntityState.Detached;
                }
                taken._rows.Add((entry.Entity, row));
            }
        }
        return taken;
    }

    // A row of an alert that EF does not track (see UntrackedAlerts).
    public void Add(Alert alert, AlertHistory row) => _rows.Add((alert, row));

    // Writes the rows once their alerts are saved (a new alert has its id only then); the tenant is checked first.
    public void Insert(PortalDbContext db)
    {
        if (_rows.Count == 0)
        {
            return;
        }
        var insert = SqliteBulkInsert<(Alert Alert, AlertHistory Row)>.Open(db, BulkTables.AlertHistory)
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
