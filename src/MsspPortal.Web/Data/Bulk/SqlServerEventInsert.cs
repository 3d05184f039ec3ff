using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The event insert on SQL Server: multi-row prepared INSERTs with OUTPUT, through ADO.NET parameters, in the
// caller's transaction. OUTPUT does not promise row order, so ids are matched to rows by (line number, record),
// which are distinct within one call because its events come from one chunk.
internal static class SqlServerEventInsert
{
    // SQL Server takes at most 2,100 parameters a request (20 columns a row).
    private const int RowsPerStatement = 100;

    private static readonly string[] Output = [nameof(SecurityEvent.Id), nameof(SecurityEvent.LineNumber), nameof(SecurityEvent.LineRecord)];

    public static async Task InsertAsync(DbTransaction transaction, IModel model, ITenantContext tenant, IReadOnlyList<SecurityEvent> events, long[] ids,
        CancellationToken cancellationToken)
    {
        var table = BulkTables.SecurityEvents;
        TenantBulkWriteGuard.CheckRows(tenant, table, events);
        var columns = table.Columns;
        var rowOfLine = new Dictionary<(int Line, int Record), int>(RowsPerStatement);
        Statement? full = null;
        try
        {
            for (var offset = 0; offset < events.Count; offset += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, events.Count - offset);
                var statement = count == RowsPerStatement
                    ? full ??= await Statement.CreateAsync(transaction, model, count, cancellationToken)
                    : await Statement.CreateAsync(transaction, model, count, cancellationToken);
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
                        for (var column = 0; column < columns.Length; column++)
                        {
                            statement.Parameters[(row * columns.Length) + column].Value = columns[column].Value(e);
                        }
                    }
                    await using var reader = await statement.Command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids[offset + rowOfLine[(reader.GetInt32(1), reader.GetInt32(2))]] = reader.GetInt64(0);
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
    }

    // One prepared multi-row INSERT for a given row count, reused across the chunk.
    private sealed class Statement(DbCommand command, DbParameter[] parameters) : IAsyncDisposable
    {
        public DbCommand Command { get; } = command;

        public DbParameter[] Parameters { get; } = parameters;

        public static async Task<Statement> CreateAsync(DbTransaction transaction, IModel model, int rows, CancellationToken cancellationToken)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var parameters = new DbParameter[rows * BulkTables.SecurityEvents.Columns.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = command.CreateParameter();
                parameters[i].ParameterName = BulkTable<SecurityEvent>.ParameterName(i);
                command.Parameters.Add(parameters[i]);
            }
            command.CommandText = BulkTables.SecurityEvents.SqlServerInsertSql(model, rows, Output);
            await command.PrepareAsync(cancellationToken);
            return new Statement(command, parameters);
        }

        public ValueTask DisposeAsync() => Command.DisposeAsync();
    }
}
