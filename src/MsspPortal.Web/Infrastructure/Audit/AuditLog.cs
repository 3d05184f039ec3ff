using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Infrastructure.Audit;

// Adds an audit row to the handler's unit of work; it is saved with the change it records.
public sealed class AuditLog(PortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public void Record(Guid tenantId, string action, string entityType, object entityId) =>
        db.AuditEntries.Add(new AuditEntry
        {
            TenantId = tenantId,
            UserId = user.Id,
            Action = action,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            At = clock.GetUtcNow(),
            IpAddress = user.IpAddress,
        });
}
