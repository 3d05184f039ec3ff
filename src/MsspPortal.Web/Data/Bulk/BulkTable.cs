using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MsspPortal.Web.Data.Bulk;

// A table written past EF: its entity, the row's tenant, and its columns in bind order. Table and column names come
// from the EF model, the SQL text from here, so a writer cannot disagree with the column list; BulkTableTests fail
// when the entity gains a mapped property that the descriptor lacks.
internal sealed class BulkTable<TRow>(Type entity, Func<TRow, Guid> tenantOf, int sqliteRowsPerStatement, IReadOnlyList<string> generated,
    params BulkColumn<TRow>[] columns) : IBulkTable
{
    private Names? _names;

    public Type Entity { get; } = entity;

    public Func<TRow, Guid> TenantOf { get; } = tenantOf;

    // Rows per multi-row INSERT on SQLite; a remainder goes one row per statement.
    public int SqliteRowsPerStatement { get; } = sqliteRowsPerStatement;

    public IReadOnlyList<string> Generated { get; } = generated;

    public BulkColumn<TRow>[] Columns { get; } = columns;

    IReadOnlyList<IBulkColumn> IBulkTable.Columns => Columns;

    // An INSERT of rows rows with ?1..?(columns × rows) in row order. Several rows run "OR FAIL": SQLite then keeps
    // no statement journal, and the rows before a failing one stay only until the caller's rollback.
    public string SqliteInsertSql(IModel model, int rows)
    {
        var names = Resolve(model);
        var sql = new StringBuilder(rows > 1 ? "INSERT OR FAIL INTO " : "INSERT INTO ");
        AppendInto(sql, names).Append(" VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 1; column <= Columns.Length; column++)
            {
                sql.Append(column == 1 ? "?" : ", ?").Append((row * Columns.Length) + column);
            }
            sql.Append(')');
        }
        return sql.ToString();
    }

    // A SQL Server INSERT of rows rows with parameters @p0.. in row order, returning the given properties.
    public string SqlServerInsertSql(IModel model, int rows, IReadOnlyList<string> output)
    {
        var names = Resolve(model);
        var entityType = names.EntityType;
        var sql = AppendInto(new StringBuilder("INSERT INTO "), names)
            .Append(" OUTPUT ").AppendJoin(", ", output.Select(p => $"INSERTED.\"{ColumnOf(entityType, p)}\""))
            .Append(" VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Columns.Length; column++)
            {
                sql.Append(column == 0 ? "" : ", ").Append(ParameterName((row * Columns.Length) + column));
            }
            sql.Append(')');
        }
        return sql.ToString();
    }

    public static string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);

    private static StringBuilder AppendInto(StringBuilder sql, Names names) =>
        sql.Append('"').Append(names.Table).Append("\" (").AppendJoin(", ", names.Columns.Select(c => $"\"{c}\"")).Append(')');

    private Names Resolve(IModel model)
    {
        // One model per provider in a process: resolved once, not per chunk.
        if (_names is { } names && ReferenceEquals(names.Model, model))
        {
            return names;
        }
        var entityType = model.FindEntityType(Entity) ?? throw new InvalidOperationException($"{Entity.Name} is not in the model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{Entity.Name} is not mapped to a table.");
        names = new Names(model, entityType, table, Columns.Select(c => ColumnOf(entityType, c.Property)).ToArray());
        _names = names;
        return names;
    }

    private static string ColumnOf(IEntityType entityType, string property) =>
        entityType.FindProperty(property)?.GetColumnName()
        ?? throw new InvalidOperationException($"{entityType.ClrType.Name} has no mapped property {property}.");

    private sealed record Names(IModel Model, IEntityType EntityType, string Table, string[] Columns);
}
