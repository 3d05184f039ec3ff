using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Ingestion;

/// <summary>
/// The bulk path for events: one prepared INSERT reused for every row of a chunk, inside the caller's
/// transaction, instead of EF change tracking (which costs more than the parse). Parameters only — log content
/// never reaches SQL text. Because it bypasses the SaveChanges interceptor, it checks the tenant scope itself.
/// </summary>
internal sealed class EventWriter(PortalDbContext db, ITenantContext tenant)
{
    private static readonly string[] Columns =
    [
        "TenantId", "LogSourceId", "BatchId", "LineNumber", "Timestamp", "ReceivedAt", "SourceIp", "SourcePort", "DestinationIp",
        "DestinationPort", "UserName", "HostName", "Action", "Outcome", "Category", "Severity", "VendorSignature", "Truncated", "RawLine",
    ];

    public async Task<long[]> InsertAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        var ids = new long[events.Count];
        if (events.Count == 0)
        {
            return ids;
        }
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Events are written inside the chunk's transaction.");
        var columnList = string.Join(", ", Columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", Columns.Select((_, i) => $"@p{i}"));
        command.CommandText = sqlite
            ? $"INSERT INTO \"SecurityEvents\" ({columnList}) VALUES ({values}) RETURNING \"Id\""
            : $"INSERT INTO \"SecurityEvents\" ({columnList}) OUTPUT INSERTED.\"Id\" VALUES ({values})";
        var parameters = Columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        await command.PrepareAsync(cancellationToken);

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!tenant.CanAccess(e.TenantId))
            {
                throw new TenantAccessViolationException(nameof(SecurityEvent), e.TenantId);
            }
            Set(parameters, sqlite, e);
            ids[i] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            e.Id = ids[i];
        }
        return ids;
    }

    private static void Set(DbParameter[] p, bool sqlite, SecurityEvent e)
    {
        // SQLite stores DateTimeOffset as UTC ticks (see SqlitePortalDbContext); SQL Server has the real type.
        p[0].Value = sqlite ? e.TenantId.ToString().ToUpperInvariant() : e.TenantId;
        p[1].Value = e.LogSourceId;
        p[2].Value = (object?)e.BatchId ?? DBNull.Value;
        p[3].Value = e.LineNumber;
        p[4].Value = sqlite ? e.Timestamp.UtcTicks : e.Timestamp;
        p[5].Value = sqlite ? e.ReceivedAt.UtcTicks : e.ReceivedAt;
        p[6].Value = (object?)e.SourceIp ?? DBNull.Value;
        p[7].Value = (object?)e.SourcePort ?? DBNull.Value;
        p[8].Value = (object?)e.DestinationIp ?? DBNull.Value;
        p[9].Value = (object?)e.DestinationPort ?? DBNull.Value;
        p[10].Value = (object?)e.UserName ?? DBNull.Value;
        p[11].Value = (object?)e.HostName ?? DBNull.Value;
        p[12].Value = (object?)e.Action ?? DBNull.Value;
        p[13].Value = e.Outcome.ToString();
        p[14].Value = (object?)e.Category ?? DBNull.Value;
        p[15].Value = e.Severity;
        p[16].Value = (object?)e.VendorSignature ?? DBNull.Value;
        p[17].Value = e.Truncated;
        p[18].Value = e.RawLine;
    }
}
