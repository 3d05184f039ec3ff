using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Raises the incident to the senior tier and the customer. A Critical incident is an emergency: it is recorded on the
// incident's history and announced (EmergencyEscalated) for the committee to activate the tenant's joint committee.
public sealed record EscalateIncident(long Id, string? Reason) : ICommand<IncidentChange>;

public sealed class EscalateIncidentValidator : AbstractValidator<EscalateIncident>
{
    public EscalateIncidentValidator() => RuleFor(c => c.Reason).MaximumLength(2000);
}

internal sealed class EscalateIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit, IPublisher publisher)
    : ICommandHandler<EscalateIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(EscalateIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null)
        {
            return IncidentChange.NotFound;
        }
        if (!incident.IsOpen)
        {
            return IncidentChange.Refused("The incident is closed: reopen it first.");
        }
        var now = clock.GetUtcNow();
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        var emergency = incident.Escalate(user.Id, now, reason);
        audit.Record(incident.TenantId, emergency ? "incident.emergency" : "incident.escalated", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        if (emergency)
        {
            // Announced once the escalation is saved: a handler that fails afterwards cannot undo the analyst's step.
            await publisher.Publish(new EmergencyEscalated(incident.TenantId, null, incident.Id, reason ?? $"Critical incident {incident.Id} escalated", now), cancellationToken);
        }
        return new IncidentChange(incident.Id);
    }
}
