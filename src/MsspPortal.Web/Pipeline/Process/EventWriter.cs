using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
namespace MsspPortal.Web.Pipeline;

/// <summary>
/// The bulk path for events: multi-row prepared INSERTs (many rows per statement, one round trip and one statement
/// step each) inside the caller's transaction, instead of EF change tracking (which costs more than the parse).
/// Parameters only — log content never reaches SQL text. Because it bypasses the SaveChanges interceptor, it checks
/// the tenant scope itself.
/// </summary>
internal sealed class EventWriter(PortalDbContext db, ITenantContext tenant)
{
    // Parameter limits: SQLite 32,766 per statement, SQL Server 2,100 per request (20 columns a row).
    private const int SqliteRowsPerStatement = 256;
    private const int SqlServerRowsPerStatement = 100;

    private static readonly string[] Columns =
    [
        "TenantId", "LogSourceId", "BatchId", "LineNumber", "Timestamp", "ReceivedAt", "SourceIp", "SourcePort", "DestinationIp",
        "DestinationPort", "UserName", "HostName", "Action", "Outcome", "Category", "Severity", "VendorSignature", "Truncated", "RawLine",
        "LineRecord",
    ];

    private static readonly string[] Outcomes = Enum.GetNames<Core.Events.EventOutcome>();

    /// <summary>
    /// Inserts the events and returns their ids in input order. The events of one call come from one chunk, so their
    /// (line number, record) pairs are distinct: that is how returned ids are matched to rows, since neither SQLite's
    /// RETURNING nor SQL Server's OUTPUT promises row order.
    /// </summary>
    public async Task<long[]> InsertAsync(IReadOnlyList<SecurityEvent> events, CancellationToken cancellationToken)
    {
        var ids = new long[events.Count];
        if (events.Count == 0)
        {
            return ids;
        }
        foreach (var e in events)
        {
            if (!tenant.CanAccess(e.TenantId))
            {
                throw new TenantAccessViolationException(nameof(SecurityEvent), e.TenantId);
            }
        }
        var sqlite = db.Database.IsSqlite();
        if (sqlite && db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection connection)
        {
            _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Events are written inside the chunk's transaction.");
            using var inserter = new SqliteEventInserter(connection);
            ids = inserter.Insert(events);
            for (var i = 0; i < events.Count; i++)
            {
                events[i].Id = ids[i];
            }
            return ids;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Events are written inside the chunk's transaction.");
        var perStatement = sqlite ? SqliteRowsPerStatement : SqlServerRowsPerStatement;
        var tenantIds = new TenantIdText(sqlite);
        var rowOfLine = new Dictionary<(int Line, int Record), int>(perStatement);
        Statement? full = null;
        try
        {
            for (var offset = 0; offset < events.Count; offset += perStatement)
            {
                var count = Math.Min(perStatement, events.Count - offset);
                var statement = count == perStatement
                    ? full ??= await Statement.CreateAsync(transaction, sqlite, count, cancellationToken)
                    : await Statement.CreateAsync(transaction, sqlite, count, cancellationToken);
                try
                {
                    rowOfLine.Clear();
                    for (var row = 0; row < count; row++)
                    {
                        var e = events[offset + row];
                        if (!rowOfLine.TryAdd((e.LineNumber, e.LineRecord), row))
                        {
                            throw new InvalidOperationException($"Line {e.LineNumber} record {e.LineRecord} appears twice in one insert; events of one call must come from one chunk.");
                        }
                        Set(statement.Parameters, row * Columns.Length, sqlite, tenantIds, e);
                    }
                    await using var reader = await statement.Command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var index = offset + rowOfLine[(reader.GetInt32(1), reader.GetInt32(2))];
                        ids[index] = reader.GetInt64(0);
                        events[index].Id = ids[index];
                    }
                }
                finally
                {
                    if (statement != full)
                    {
                        await statement.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
        return ids;
    }

    private static void Set(DbParameter[] p, int i, bool sqlite, TenantIdText tenantIds, SecurityEvent e)
    {
        // SQLite stores DateTimeOffset as UTC ticks (see SqlitePortalDbContext); SQL Server has the real type.
        p[i].Value = tenantIds.For(e.TenantId);
        p[i + 1].Value = e.LogSourceId;
        p[i + 2].Value = (object?)e.BatchId ?? DBNull.Value;
        p[i + 3].Value = e.LineNumber;
        p[i + 4].Value = sqlite ? e.Timestamp.UtcTicks : e.Timestamp;
        p[i + 5].Value = sqlite ? e.ReceivedAt.UtcTicks : e.ReceivedAt;
        p[i + 6].Value = (object?)e.SourceIp ?? DBNull.Value;
        p[i + 7].Value = (object?)e.SourcePort ?? DBNull.Value;
        p[i + 8].Value = (object?)e.DestinationIp ?? DBNull.Value;
        p[i + 9].Value = (object?)e.DestinationPort ?? DBNull.Value;
        p[i + 10].Value = (object?)e.UserName ?? DBNull.Value;
        p[i + 11].Value = (object?)e.HostName ?? DBNull.Value;
        p[i + 12].Value = (object?)e.Action ?? DBNull.Value;
        p[i + 13].Value = Outcomes[(int)e.Outcome];
        p[i + 14].Value = (object?)e.Category ?? DBNull.Value;
        p[i + 15].Value = e.Severity;
        p[i + 16].Value = (object?)e.VendorSignature ?? DBNull.Value;
        p[i + 17].Value = e.Truncated;
        p[i + 18].Value = e.RawLine;
        p[i + 19].Value = e.LineRecord;
    }

    /// <summary>One prepared multi-row INSERT for a given row count, reused across the chunk.</summary>
    private sealed class Statement(DbCommand command, DbParameter[] parameters) : IAsyncDisposable
    {
        public DbCommand Command { get; } = command;

        public DbParameter[] Parameters { get; } = parameters;

        public static async Task<Statement> CreateAsync(DbTransaction transaction, bool sqlite, int rows, CancellationToken cancellationToken)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO \"SecurityEvents\" (")
                .AppendJoin(", ", Columns.Select(c => $"\"{c}\""))
                .Append(sqlite ? ") VALUES " : ") OUTPUT INSERTED.\"Id\", INSERTED.\"LineNumber\", INSERTED.\"LineRecord\" VALUES ");
            var parameters = new DbParameter[rows * Columns.Length];
            for (var row = 0; row < rows; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Length; column++)
                {
                    var index = (row * Columns.Length) + column;
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + index.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameter);
                    parameters[index] = parameter;
                    sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
                }
                sql.Append(')');
            }
            if (sqlite)
            {
                sql.Append(" RETURNING \"Id\", \"LineNumber\", \"LineRecord\"");
            }
            command.CommandText = sql.ToString();
            await command.PrepareAsync(cancellationToken);
            return new Statement(command, parameters);
        }

        public ValueTask DisposeAsync() => Command.DisposeAsync();
    }

    /// <summary>SQLite keeps Guids as upper-case text: convert once per tenant, not once per row.</summary>
    private sealed class TenantIdText(bool sqlite)
    {
        private Guid _last;
        private object? _text;

        public object For(Guid tenantId)
        {
            if (!sqlite)
            {
                return tenantId;
            }
            if (_text is null || tenantId != _last)
            {
                (_last, _text) = (tenantId, tenantId.ToString().ToUpperInvariant());
            }
            return _text;
        }
    }
}
