using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Incidents;

// The service levels an incident's clock starts with: the tenant's contract in force on the opening day (the
// latest signed when several overlap), for the incident's severity; none without a contract or a target.
internal static class IncidentSla
{
    public static async Task<SlaTerms?> TermsAsync(PortalDbContext db, Guid tenantId, AlertSeverity severity, DateTimeOffset openedAt,
        CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(openedAt.UtcDateTime);
        var target = await db.ServiceContracts.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.StartsOn <= day && c.EndsOn >= day)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .Select(c => c.SlaTargets.Where(t => t.Severity == severity)
                .Select(t => new { t.AcknowledgeWithinMinutes, t.ResolveWithinMinutes }).FirstOrDefault())
            .FirstOrDefaultAsync(cancellationToken);
        return target is null ? null : new SlaTerms(target.AcknowledgeWithinMinutes, target.ResolveWithinMinutes);
    }
}
