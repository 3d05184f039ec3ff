using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Gives the incident an owner: the caller (Me), one of the tenant's analysts, or nobody (empty).
public sealed record AssignIncident(long Id, string? OwnerId, bool Me) : ICommand<IncidentChange>;

public sealed class AssignIncidentValidator : AbstractValidator<AssignIncident>
{
    public AssignIncidentValidator()
    {
        RuleFor(c => c.OwnerId).MaximumLength(450);
    }
}

internal sealed class AssignIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AssignIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(AssignIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null || user.Id is not { } userId)
        {
            return IncidentChange.NotFound;
        }
        var owner = command.Me ? userId : string.IsNullOrWhiteSpace(command.OwnerId) ? null : command.OwnerId;
        // Someone else becomes owner only as an analyst of the incident's tenant.
        if (owner is not null && owner != userId
            && !await db.Memberships.AnyAsync(m => m.TenantId == incident.TenantId && m.UserId == owner && m.Role == PortalRole.Analyst, cancellationToken))
        {
            return IncidentChange.Refused("The owner must be an analyst of the incident's tenant.");
        }
        incident.Assign(owner, userId, clock.GetUtcNow());
        audit.Record(incident.TenantId, "incident.assigned", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
