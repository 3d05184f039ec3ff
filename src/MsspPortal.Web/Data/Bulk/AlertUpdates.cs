using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The alerts that detection extended or rescored (tens per chunk; through EF each was an UPDATE with its own
// command): on SQLite written here by one prepared statement per set of changed columns, only the changed columns
// as EF would, then marked unchanged so EF's save skips them. Values pass through each property's value converter.
// It needs no descriptor: the columns are the entry's modified properties, read from the model, so none can be
// missed.
internal static class AlertUpdates
{
    public static void Write(PortalDbContext db, ITenantContext tenant)
    {
        var statements = new Dictionary<string, SqliteStatement>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Modified).ToList())
            {
                TenantBulkWriteGuard.CheckUpdate(tenant, entry);
                var changed = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).ToList();
                if (changed.Count > 0)
                {
                    var columns = changed.Select(p => p.Metadata.GetColumnName()).ToList();
                    var shape = string.Join(',', columns);
                    if (!statements.TryGetValue(shape, out var statement))
                    {
                        var handle = SqliteStatement.HandleOf(db) ?? throw new InvalidOperationException("Alerts are updated on the chunk's SQLite connection.");
                        var table = entry.Metadata.GetTableName();
                        var sql = $"UPDATE \"{table}\" SET " + string.Join(", ", columns.Select((c, i) => $"\"{c}\" = ?{i + 1}")) +
                            $" WHERE \"{entry.Metadata.FindPrimaryKey()!.Properties[0].GetColumnName()}\" = ?{columns.Count + 1}";
                        statement = new SqliteStatement(handle, sql);
                        statements[shape] = statement;
                    }
                    for (var i = 0; i < changed.Count; i++)
                    {
                        var property = changed[i];
                        var converter = property.Metadata.GetTypeMapping().Converter;
                        statement.Value(i + 1, converter is null ? property.CurrentValue : converter.ConvertToProvider(property.CurrentValue));
                    }
                    statement.Int64(changed.Count + 1, entry.Entity.Id);
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
        finally
        {
            foreach (var statement in statements.Values)
            {
                statement.Dispose();
            }
        }
    }
}
