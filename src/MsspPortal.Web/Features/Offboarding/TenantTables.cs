using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Offboarding;

// The tenant's tables, found in the EF model rather than listed by hand: every entity type that implements
// ITenantOwned. A table added next year is exported and deleted without anyone remembering this folder.
internal sealed record TenantTable(IEntityType EntityType, string Name, IReadOnlyList<TenantColumn> Columns, IReadOnlyList<string> OmittedColumns)
{
    public Type ClrType => EntityType.ClrType;
}

// One exported column: its name in the database, its CLR type and how a row's value is read in the projection.
internal sealed record TenantColumn(string Name, Type ClrType, bool Nullable, Func<ParameterExpression, Expression> Read)
{
    // The JSON type a reader should expect, as documented in docs/offboarding.md.
    public string Format
    {
        get
        {
            var type = System.Nullable.GetUnderlyingType(ClrType) ?? ClrType;
            if (type.IsEnum)
            {
                return "string: " + string.Join("|", Enum.GetNames(type));
            }
            return type switch
            {
                _ when type == typeof(string) => "string",
                _ when type == typeof(byte[]) => "string: base64",
                _ when type == typeof(bool) => "boolean",
                _ when type == typeof(Guid) => "string: uuid",
                _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "string: date-time (ISO 8601)",
                _ when type == typeof(DateOnly) => "string: date (ISO 8601)",
                _ when type == typeof(TimeOnly) => "string: time (ISO 8601)",
                _ when type == typeof(TimeSpan) => "string: duration (c format, d.hh:mm:ss)",
                _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "number",
                _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) => "integer",
                _ => "string",
            };
        }
    }
}

internal static class TenantTables
{
    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!;

    // The tenant-owned tables in the order they can be deleted: a table comes before every table it points at.
    // Foreign keys that form a cycle are returned separately: their optional columns are nulled before deleting.
    public static (IReadOnlyList<TenantTable> Tables, IReadOnlyList<IForeignKey> NullFirst) InDeleteOrder(IModel model)
    {
        var tables = All(model);
        var byType = tables.ToDictionary(t => t.EntityType);
        // Edges: dependent → principal (the dependent's rows go first).
        var edges = tables
            .SelectMany(t => t.EntityType.GetForeignKeys())
            .Where(fk => byType.ContainsKey(fk.PrincipalEntityType))
            .ToList();
        var nullFirst = new List<IForeignKey>();
        // A table's reference to itself: nulled first, so batches can go in any order on every provider (SQL Server
        // refuses SET NULL on self-references, decision in PortalDbContext).
        foreach (var self in edges.Where(fk => fk.DeclaringEntityType == fk.PrincipalEntityType).ToList())
        {
            nullFirst.Add(self);
            edges.Remove(self);
        }

        var ordered = new List<TenantTable>();
        var remaining = tables.ToList();
        while (remaining.Count > 0)
        {
            // A table can go when no remaining table still points at it.
            var next = remaining.FirstOrDefault(t => !edges.Any(fk => fk.PrincipalEntityType == t.EntityType
                && remaining.Any(r => r.EntityType == fk.DeclaringEntityType)));
            if (next is null)
            {
                // A cycle: break it at an optional reference, nulled before the deletes begin.
                var breakable = edges.FirstOrDefault(fk => !fk.IsRequired
                    && remaining.Any(r => r.EntityType == fk.DeclaringEntityType)
                    && remaining.Any(r => r.EntityType == fk.PrincipalEntityType))
                    ?? throw new InvalidOperationException("Tenant-owned tables reference each other through required keys only: no delete order.");
                nullFirst.Add(breakable);
                edges.Remove(breakable);
                continue;
            }
            ordered.Add(next);
            remaining.Remove(next);
        }
        return (ordered, nullFirst);
    }

    public static IReadOnlyList<TenantTable> All(IModel model)
    {
        var tables = model.GetEntityTypes()
            .Where(e => !e.IsOwned() && typeof(ITenantOwned).IsAssignableFrom(e.ClrType))
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
        CheckNothingElsePointsIn(model, tables);
        return tables;
    }

    public static TenantTable Describe(IEntityType entityType)
    {
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} is not mapped to a table.");
        var columns = new List<TenantColumn>();
        var omitted = new List<string>();
        foreach (var property in entityType.GetProperties())
        {
            Add(property, e => Expression.Call(EfProperty.MakeGenericMethod(property.ClrType), e, Expression.Constant(property.Name)));
        }
        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            // Owned values stored in the owner's row (BusinessProfile.Baseline): their columns, read through the navigation.
            if (navigation.IsCollection || navigation.TargetEntityType.GetTableName() != table || navigation.PropertyInfo is not { } owner)
            {
                throw new InvalidOperationException($"{entityType.DisplayName()}.{navigation.Name}: only owned values in the owner's row are exported.");
            }
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey() && p.PropertyInfo is not null))
            {
                Add(property, e => Expression.Property(Expression.Property(e, owner), property.PropertyInfo!));
            }
        }
        return new TenantTable(entityType, table, columns, omitted);

        void Add(IProperty property, Func<ParameterExpression, Expression> read)
        {
            var name = property.GetColumnName();
            // A raw batch's stored chunks (0.5–1 MB each) are not portable data: the events carry each line's masked text,
            // quarantined lines theirs. Other binary columns (a quarantined line's bytes) are exported as base64.
            if (entityType.ClrType == typeof(RawBatchChunk) && property.Name == nameof(RawBatchChunk.Content))
            {
                omitted.Add(name);
                return;
            }
            columns.Add(new TenantColumn(name, property.ClrType, property.IsNullable, read));
        }
    }

    // A table outside ITenantOwned that points at a tenant's rows (or at the tenant) would block the delete or keep
    // tenant data: it must implement ITenantOwned. Owned values and the Identity tables (memberships point at them,
    // not the other way) are the only other entity types.
    private static void CheckNothingElsePointsIn(IModel model, IReadOnlyList<TenantTable> tables)
    {
        var owned = tables.Select(t => t.EntityType).ToHashSet();
        foreach (var entityType in model.GetEntityTypes().Where(e => !e.IsOwned() && !owned.Contains(e)))
        {
            foreach (var fk in entityType.GetForeignKeys())
            {
                if (owned.Contains(fk.PrincipalEntityType) || fk.PrincipalEntityType.ClrType == typeof(Tenant))
                {
                    throw new InvalidOperationException(
                        $"{entityType.DisplayName()} points at {fk.PrincipalEntityType.DisplayName()} but is not ITenantOwned: offboarding would miss it.");
                }
            }
        }
    }

    // Row → values, in column order, as one projection EF translates to a single SELECT of those columns.
    public static Expression<Func<T, object?[]>> Projection<T>(TenantTable table)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var values = table.Columns.Select(c => Expression.Convert(c.Read(row), typeof(object)));
        return Expression.Lambda<Func<T, object?[]>>(Expression.NewArrayInit(typeof(object), values), row);
    }

    // Primary-key order: a deterministic file, and the order batched deletes walk.
    public static IQueryable<T> OrderByKey<T>(IQueryable<T> rows, IEntityType entityType)
    {
        var keys = entityType.FindPrimaryKey()?.Properties ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no key.");
        IOrderedQueryable<T>? ordered = null;
        foreach (var key in keys)
        {
            var row = Expression.Parameter(typeof(T), "row");
            var selector = Expression.Lambda(Expression.Call(EfProperty.MakeGenericMethod(key.ClrType), row, Expression.Constant(key.Name)), row);
            var method = (ordered is null ? OrderByMethod : ThenByMethod).MakeGenericMethod(typeof(T), key.ClrType);
            ordered = (IOrderedQueryable<T>)method.Invoke(null, [ordered ?? rows, selector])!;
        }
        return ordered!;
    }

    private static readonly MethodInfo OrderByMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.OrderBy) && m.GetParameters().Length == 2);

    private static readonly MethodInfo ThenByMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.ThenBy) && m.GetParameters().Length == 2);
}
