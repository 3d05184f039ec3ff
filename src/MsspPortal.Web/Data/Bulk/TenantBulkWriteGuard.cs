using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data.Bulk;

/// <summary>
/// The half of <see cref="TenantWriteGuard"/> that SaveChanges never sees: ExecuteUpdate and ExecuteDelete. Such a
/// statement on a tenant-owned table keeps the model's "Tenant" filter, so it touches only rows of the current scope,
/// exactly the rows the SaveChanges guard would allow; what could break that is refused when the statement is
/// compiled: ignoring the tenant filter, setting TenantId, or a bulk write to the Tenants table itself.
/// </summary>
internal sealed class TenantBulkWriteGuard : IQueryExpressionInterceptor
{
    public static TenantBulkWriteGuard Instance { get; } = new();

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

public sealed class TenantBulkWriteException(string message) : InvalidOperationException(message);
