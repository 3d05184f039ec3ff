using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The alerts that detection extended or rescored (tens per chunk; through EF each was an UPDATE with its own
// command): on SQLite written here by one prepared statement per set of changed columns, only the changed columns
// as EF would, then marked unchanged so EF's save skips them. Values pass through each property's value converter.
// It needs no descriptor: the columns are the entry's modified properties, read from the model, so none can be
// missed. The tenant's detection cursor, moved by every chunk, goes the same way (EF's save was left with nothing
// to do in most chunks).
internal static class AlertUpdates
{
    public static void Write(PortalDbContext db, ITenantContext tenant)
    {
        Write<Alert>(db, tenant);
        Write<DetectionCursor>(db, tenant);
    }

    private static void Write<TEntity>(PortalDbContext db, ITenantContext tenant)
        where TEntity : class, ITenantOwned
    {
        var statements = new Dictionary<string, SqliteStatement>(StringComparer.Ordinal);
        var changed = new List<PropertyEntry>();
        var shape = new System.Text.StringBuilder();
        foreach (var entry in db.ChangeTracker.Entries<TEntity>().Where(e => e.State == EntityState.Modified).ToList())
        {
            TenantBulkWriteGuard.CheckUpdate(tenant, entry);
            changed.Clear();
            shape.Clear();
            foreach (var property in entry.Properties)
            {
                if (property.IsModified && !property.Metadata.IsPrimaryKey())
                {
                    changed.Add(property);
                    shape.Append(Column.Of(property.Metadata).Name).Append(',');
                }
            }
            if (changed.Count > 0)
            {
                var columns = shape.ToString();
                if (!statements.TryGetValue(columns, out var statement))
                {
                    var handle = SqliteStatement.HandleOf(db) ?? throw new InvalidOperationException("Detection updates rows on the chunk's SQLite connection.");
                    var table = entry.Metadata.GetTableName();
                    var sql = $"UPDATE \"{table}\" SET " + string.Join(", ", changed.Select((c, i) => $"\"{Column.Of(c.Metadata).Name}\" = ?{i + 1}")) +
                        $" WHERE \"{Column.Of(KeyOf(entry)).Name}\" = ?{changed.Count + 1}";
                    statement = db.Statements.Get(handle, sql); // prepared once per context
                    statements[columns] = statement;
                }
                for (var i = 0; i < changed.Count; i++)
                {
                    var property = changed[i];
                    var converter = Column.Of(property.Metadata).Converter;
                    statement.Value(i + 1, converter is null ? property.CurrentValue : converter.ConvertToProvider(property.CurrentValue));
                }
                var key = KeyOf(entry);
                var keyConverter = Column.Of(key).Converter;
                var keyValue = entry.Property(key.Name).CurrentValue;
                statement.Value(changed.Count + 1, keyConverter is null ? keyValue : keyConverter.ConvertToProvider(keyValue));
                statement.Execute();
                // Accepted as saved: marking a modified entry Unchanged otherwise puts the original values back,
                // and detection keeps these alerts in memory for the next chunk.
                foreach (var property in changed)
                {
                    property.OriginalValue = property.CurrentValue;
                }
            }
            entry.State = EntityState.Unchanged;
        }
    }

    private static IProperty KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { Properties: [var only] } ? only
            : throw new InvalidOperationException($"{entry.Metadata.DisplayName()} has no single-column key.");

    // A property's column and converter, looked up in the model once: each lookup walks the model's annotations,
    // and a chunk writes tens of alerts.
    private sealed record Column(string Name, ValueConverter? Converter)
    {
        private static readonly ConcurrentDictionary<IProperty, Column> Known = new();

        public static Column Of(IProperty property) =>
            Known.GetOrAdd(property, p => new Column(p.GetColumnName(), p.GetTypeMapping().Converter));
    }
}
