using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// Open alerts that detection keeps in memory across a batch's chunks without EF tracking them. Attaching tens of
// alerts to the change tracker for every chunk of 3,000 lines, then detecting their changes, then reading their
// modified properties back out, cost more than all else detection does with its alerts (110 µs per alert and chunk;
// measured in docs/performance.md). Instead each alert's column values are kept as they were last saved, and the
// columns that differ now are written by one prepared UPDATE per set of changed columns, as EF would write them:
// every mapped property is compared, so none can be missed. Off SQLite (or outside a transaction) the alert is
// attached with those values as its original ones and EF's save writes it.
internal sealed class UntrackedAlerts
{
    private readonly Dictionary<Alert, object?[]> _saved = new(ReferenceEqualityComparer.Instance);

    // The UPDATE text per set of changed columns; the statements themselves are the context's (SqliteStatements).
    private readonly Dictionary<string, string> _updates = new(StringComparer.Ordinal);

    // The alert's values now are what the database holds (just read, or just saved by EF).
    public void Saved(PortalDbContext db, Alert alert)
    {
        var properties = Properties(db);
        var values = _saved.TryGetValue(alert, out var known) ? known : new object?[properties.Length];
        for (var i = 0; i < properties.Length; i++)
        {
            values[i] = properties[i].Getter.GetClrValueUsingContainingEntity(alert);
        }
        _saved[alert] = values;
    }

    public bool Knows(Alert alert) => _saved.ContainsKey(alert);

    public void Forget(Alert alert) => _saved.Remove(alert);

    public void Clear() => _saved.Clear();

    // Writes what changed in these alerts since they were saved; their new history rows go to history (SQLite), or
    // to EF's save with the alerts (elsewhere). Alerts the change tracker holds are EF's to save and are skipped.
    public void Write(PortalDbContext db, ITenantContext tenant, IEnumerable<Alert> alerts, AlertHistoryRows? history)
    {
        var tracked = db.ChangeTracker.Entries<Alert>().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        var properties = Properties(db);
        var handle = history is null ? null : SqliteStatement.HandleOf(db);
        var changed = new List<int>();
        var shape = new System.Text.StringBuilder();
        foreach (var alert in alerts)
        {
            if (tracked.Contains(alert))
            {
                continue;
            }
            if (!_saved.TryGetValue(alert, out var saved))
            {
                // Never skipped quietly: its changes would be lost.
                throw new InvalidOperationException($"Alert {alert.Id} is neither tracked nor known as saved.");
            }
            Changes(properties, alert, saved, changed);
            if (handle is null || history is null)
            {
                Attach(db, properties, alert, saved, changed);
                continue;
            }
            Check(tenant, properties, alert, changed);
            if (changed.Count > 0)
            {
                shape.Clear();
                foreach (var i in changed)
                {
                    shape.Append(i).Append(',');
                }
                var columns = shape.ToString();
                if (!_updates.TryGetValue(columns, out var sql))
                {
                    sql = UpdateSql(db, properties, changed);
                    _updates[columns] = sql;
                }
                var statement = db.Statements.Get(handle, sql);
                for (var c = 0; c < changed.Count; c++)
                {
                    statement.Value(c + 1, properties[changed[c]].ToProvider(properties[changed[c]].Getter.GetClrValueUsingContainingEntity(alert)));
                }
                statement.Value(changed.Count + 1, alert.Id);
                statement.Execute();
                Written(properties, alert, saved, changed);
            }
            if (alert.TakeUnsavedHistory() is { } rows)
            {
                foreach (var row in rows)
                {
                    history.Add(alert, row);
                }
            }
        }
    }

    private static void Changes(Property[] properties, Alert alert, object?[] saved, List<int> changed)
    {
        changed.Clear();
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            if (!property.IsKey && !property.Comparer.Equals(saved[i], property.Getter.GetClrValueUsingContainingEntity(alert)))
            {
                changed.Add(i);
            }
        }
    }

    // What the SaveChanges guard refuses: a row outside the scope, or one moved to another tenant.
    private static void Check(ITenantContext tenant, Property[] properties, Alert alert, List<int> changed)
    {
        if (!tenant.CanAccess(alert.TenantId) || changed.Exists(i => properties[i].IsTenantId))
        {
            throw new TenantAccessViolationException(nameof(Alert), alert.TenantId);
        }
    }

    // EF writes it: attached as saved, with the saved values as the original ones, so its change detection finds
    // exactly the columns that differ. The new history rows are added as such: attached after they were recorded,
    // the alert's collection already holds them, and EF would see no new row in it.
    private static void Attach(PortalDbContext db, Property[] properties, Alert alert, object?[] saved, List<int> changed)
    {
        var rows = alert.TakeUnsavedHistory();
        if (changed.Count == 0 && rows is null)
        {
            return;
        }
        var entry = db.Entry(alert);
        entry.State = EntityState.Unchanged;
        foreach (var i in changed)
        {
            entry.Property(properties[i].Metadata.Name).OriginalValue = saved[i];
        }
        entry.DetectChanges();
        if (rows is not null)
        {
            db.AlertHistory.AddRange(rows);
        }
        Written(properties, alert, saved, changed); // by the save to come; should it fail, the stage forgets all it knew
    }

    // The changed values are the saved ones now: the next chunk compares with them, without reading every column again.
    private static void Written(Property[] properties, Alert alert, object?[] saved, List<int> changed)
    {
        foreach (var i in changed)
        {
            saved[i] = properties[i].Getter.GetClrValueUsingContainingEntity(alert);
        }
    }

    private static string UpdateSql(PortalDbContext db, Property[] properties, List<int> changed)
    {
        var type = db.Model.FindEntityType(typeof(Alert))!;
        var key = properties.Single(p => p.IsKey);
        return $"UPDATE \"{type.GetTableName()}\" SET " + string.Join(", ", changed.Select((i, n) => $"\"{properties[i].Column}\" = ?{n + 1}")) +
            $" WHERE \"{key.Column}\" = ?{changed.Count + 1}";
    }

    // The alert's mapped properties, read from the model once per model.
    private static Property[] Properties(PortalDbContext db) => ByModel.GetOrAdd(db.Model, static model =>
    {
        var type = model.FindEntityType(typeof(Alert)) ?? throw new InvalidOperationException("Alert is not in the model.");
        // The alert's own values: a shadow property (the computed SLA deadline) is the database's, never the alert's.
        var properties = type.GetProperties()
            .Where(p => p.IsPrimaryKey() || (!p.IsShadowProperty() && p.GetAfterSaveBehavior() == PropertySaveBehavior.Save))
            .Select(p => new Property(p)).ToArray();
        return properties.Count(p => p.IsKey) == 1 ? properties : throw new InvalidOperationException("Alert has no single-column key.");
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IModel, Property[]> ByModel = new(ReferenceEqualityComparer.Instance);

    private sealed class Property(IProperty property)
    {
        public IProperty Metadata { get; } = property;

        public IClrPropertyGetter Getter { get; } = property.GetGetter();

        public Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer Comparer { get; } = property.GetValueComparer();

        public bool IsKey { get; } = property.IsPrimaryKey();

        public bool IsTenantId { get; } = property.Name == nameof(ITenantOwned.TenantId);

        public string Column { get; } = property.GetColumnName();

        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;

        public object? ToProvider(object? value) => _converter is null ? value : _converter.ConvertToProvider(value);
    }
}
