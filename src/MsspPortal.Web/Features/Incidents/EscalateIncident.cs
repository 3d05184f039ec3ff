using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Raises the incident to the senior tier and the customer. A Critical incident is an emergency: until the committee
// issue turns it into an emergency activation (a Mediator notification), it is recorded on the incident's history.
public sealed record EscalateIncident(long Id, string? Reason) : ICommand<IncidentChange>;

public sealed class EscalateIncidentValidator : AbstractValidator<EscalateIncident>
{
    public EscalateIncidentValidator() => RuleFor(c => c.Reason).MaximumLength(2000);
}

internal sealed class EscalateIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
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
        var emergency = incident.Escalate(user.Id, clock.GetUtcNow(), string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim());
        audit.Record(incident.TenantId, emergency ? "incident.emergency" : "incident.escalated", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
