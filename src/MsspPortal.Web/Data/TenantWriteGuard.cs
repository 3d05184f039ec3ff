using MsspPortal.Web.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Data;

// Rejects any insert, update or delete of a tenant-owned row outside the current tenant scope. Reads are filtered
// by the model; this closes the other half (a forged TenantId in a form, a job that forgot Use()).
internal sealed class TenantWriteGuard(ITenantContext tenant) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            var tenantId = entry.Entity switch
            {
                ITenantOwned owned => owned.TenantId,
                Tenant t when entry.State != EntityState.Added => t.Id,
                _ => (Guid?)null,
            };
            if (tenantId is { } id && !tenant.CanAccess(id))
            {
                throw new TenantAccessViolationException(entry.Entity.GetType().Name, id);
            }
            if (entry.Entity is ITenantOwned && entry.State == EntityState.Modified
                && entry.Property(nameof(ITenantOwned.TenantId)).IsModified)
            {
                throw new TenantAccessViolationException(entry.Entity.GetType().Name, tenantId ?? Guid.Empty);
            }
        }
    }
}

public sealed class TenantAccessViolationException(string entityType, Guid tenantId)
    : InvalidOperationException($"A {entityType} of tenant {tenantId} is outside the current tenant scope.");
