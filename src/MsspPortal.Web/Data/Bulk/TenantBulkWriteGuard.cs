using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Data.Bulk;

// The half of TenantWriteGuard that SaveChanges never sees, in one place. ExecuteUpdate and ExecuteDelete: such a
// statement on a tenant-owned table keeps the model's "Tenant" filter, so it touches only rows of the current
// scope, exactly the rows the SaveChanges guard would allow; what could break that is refused when the statement is
// compiled: ignoring the tenant filter, setting TenantId, or a bulk write to the Tenants table itself. The SQL bulk
// path (SqliteBulkInsert{TRow}, AlertUpdates and the other writers here) has no filter to keep: CheckRows and
// CheckUpdate refuse what the SaveChanges guard would.
internal sealed class TenantBulkWriteGuard : IQueryExpressionInterceptor
{
    public static TenantBulkWriteGuard Instance { get; } = new();

    // Refuses the whole call, before anything is written, if any row's tenant is outside the scope.
    public static void CheckRows<TRow>(ITenantContext tenant, BulkTable<TRow> table, IReadOnlyList<TRow> rows)
    {
        var tenantOf = table.TenantOf;
        var last = Guid.Empty;
        for (var i = 0; i < rows.Count; i++)
        {
            var id = tenantOf(rows[i]);
            if (id != last || i == 0)
            {
                // A chunk's rows share one tenant: one lookup per change of tenant, not per row.
                if (!tenant.CanAccess(id))
                {
                    throw new TenantAccessViolationException(table.Entity.Name, id);
                }
                last = id;
            }
        }
    }

    // A tracked entity updated past SaveChanges: in the scope, and its TenantId unchanged.
    public static void CheckUpdate<TEntity>(ITenantContext tenant, EntityEntry<TEntity> entry)
        where TEntity : class, ITenantOwned
    {
        if (!tenant.CanAccess(entry.Entity.TenantId) || entry.Property(nameof(ITenantOwned.TenantId)).IsModified)
        {
            throw new TenantAccessViolationException(typeof(TEntity).Name, entry.Entity.TenantId);
        }
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        var scan = new Scan();
        scan.Visit(queryExpression);
        if (scan.Bulk is { } bulk && scan.Root is { } root)
        {
            if (root == typeof(Tenant))
            {
                throw new TenantBulkWriteException($"{bulk} on Tenants: change tenants through SaveChanges, where the write guard sees them.");
            }
            if (typeof(ITenantOwned).IsAssignableFrom(root))
            {
                if (scan.IgnoresFilters)
                {
                    throw new TenantBulkWriteException($"{bulk} on {root.Name} ignores the tenant filter: it could write other tenants' rows.");
                }
                if (scan.SetsTenantId)
                {
                    throw new TenantBulkWriteException($"{bulk} on {root.Name} sets TenantId: a row never moves to another tenant.");
                }
            }
        }
        return queryExpression;
    }

    private sealed class Scan : ExpressionVisitor
    {
        public string? Bulk { get; private set; }

        public Type? Root { get; private set; }

        public bool IgnoresFilters { get; private set; }

        public bool SetsTenantId { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            switch (node.Method.Name)
            {
                case "ExecuteUpdate" or "ExecuteUpdateAsync" or "ExecuteDelete" or "ExecuteDeleteAsync":
                    Bulk ??= node.Method.Name.Replace("Async", "", StringComparison.Ordinal);
                    break;
                case "IgnoreQueryFilters":
                    // With no names it ignores every filter; with names, only "Tenant" matters here. Either way a bulk
                    // write has no business ignoring filters, so any use is refused.
                    IgnoresFilters = true;
                    break;
                case "SetProperty" when node.Arguments.Count > 0 && IsTenantIdSelector(node.Arguments[0]):
                    SetsTenantId = true;
                    break;
            }
            return base.VisitMethodCall(node);
        }

        // EF 10 hands ExecuteUpdate its setters as (property selector, value) tuples.
        protected override Expression VisitNew(NewExpression node)
        {
            if (Bulk is not null && node.Type.IsGenericType && node.Type.GetGenericTypeDefinition() == typeof(Tuple<,>)
                && IsTenantIdSelector(node.Arguments[0]))
            {
                SetsTenantId = true;
            }
            return base.VisitNew(node);
        }

        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root)
            {
                Root ??= root.EntityType.ClrType;
                return node;
            }
            return base.VisitExtension(node);
        }

        private static bool IsTenantIdSelector(Expression argument) =>
            (argument is UnaryExpression { Operand: var operand } ? operand : argument) is LambdaExpression
            {
                Body: MemberExpression { Member.Name: nameof(ITenantOwned.TenantId) },
            };
    }
}
