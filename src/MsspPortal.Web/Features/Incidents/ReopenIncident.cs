using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

public sealed record ReopenIncident(long Id, string Reason) : ICommand<IncidentChange>;

public sealed class ReopenIncidentValidator : AbstractValidator<ReopenIncident>
{
    public ReopenIncidentValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say what new evidence reopens it.").MaximumLength(2000);
}

internal sealed class ReopenIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ReopenIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(ReopenIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null)
        {
            return IncidentChange.NotFound;
        }
        if (incident.IsOpen)
        {
            return IncidentChange.Refused("The incident is not closed.");
        }
        incident.Reopen(user.Id, clock.GetUtcNow(), command.Reason.Trim());
        audit.Record(incident.TenantId, "incident.reopened", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
