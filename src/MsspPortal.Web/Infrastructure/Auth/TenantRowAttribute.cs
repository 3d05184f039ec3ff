using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Infrastructure.Auth;

// Declares which entity a controller's {id} names, and answers 404 before the action runs when that row is not
// visible in the current tenant scope. Checking first means a tenant-B id never reaches validation or a handler, so
// a POST with a bad form cannot tell "exists elsewhere" from "does not exist". The isolation test reads this
// attribute to know which rows to try.
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class TenantRowAttribute(Type entityType, string routeKey = "id") : Attribute, IFilterFactory
{
    public Type EntityType { get; } = entityType;

    public string RouteKey { get; } = routeKey;

    public bool IsReusable => false;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new Filter(serviceProvider.GetRequiredService<PortalDbContext>(), EntityType, RouteKey);

    private sealed class Filter(PortalDbContext db, Type entityType, string routeKey) : IAsyncActionFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (context.RouteData.Values.TryGetValue(routeKey, out var raw) && raw is not null)
            {
                var exists = await ExistsAsync(Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "", context.HttpContext.RequestAborted);
                if (!exists)
                {
                    context.Result = new NotFoundResult();
                    return;
                }
            }
            await next();
        }

        private Task<bool> ExistsAsync(string raw, CancellationToken cancellationToken)
        {
            var keyType = db.Model.FindEntityType(entityType)?.FindPrimaryKey()?.Properties[0].ClrType
                ?? throw new InvalidOperationException($"{entityType.Name} is not an entity of the portal's model.");
            if (keyType == typeof(long))
            {
                return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? ExistsGeneric(id) : Task.FromResult(false);
            }
            if (keyType == typeof(Guid))
            {
                return Guid.TryParse(raw, out var id) ? ExistsGeneric(id) : Task.FromResult(false);
            }
            throw new InvalidOperationException($"Unsupported key type {keyType.Name} for {entityType.Name}.");

            Task<bool> ExistsGeneric<TKey>(TKey key) =>
                (Task<bool>)typeof(Filter).GetMethod(nameof(AnyAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(entityType, typeof(TKey))
                    .Invoke(null, [db, key, cancellationToken])!;
        }

        // The DbSet carries the tenant filter: a row of another tenant simply does not exist here.
        private static Task<bool> AnyAsync<TEntity, TKey>(PortalDbContext db, TKey key, CancellationToken cancellationToken)
            where TEntity : class =>
            db.Set<TEntity>().AnyAsync(e => EF.Property<TKey>(e, "Id")!.Equals(key), cancellationToken);
    }
}
