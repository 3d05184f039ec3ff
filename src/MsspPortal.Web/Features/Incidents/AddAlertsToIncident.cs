using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Adds alerts of the incident's tenant to it; each alert's history records the link.
public sealed record AddAlertsToIncident(long IncidentId, long[] AlertIds) : ICommand<IncidentChange>;

public sealed class AddAlertsToIncidentValidator : AbstractValidator<AddAlertsToIncident>
{
    public AddAlertsToIncidentValidator()
    {
        RuleFor(c => c.IncidentId).GreaterThan(0);
        RuleFor(c => c.AlertIds).NotEmpty().WithMessage("Choose at least one alert.").Must(ids => ids is null || ids.Length <= 500)
            .WithMessage("At most 500 alerts at once.");
    }
}

internal sealed class AddAlertsToIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AddAlertsToIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(AddAlertsToIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken);
        var ids = command.AlertIds.Distinct().ToList();
        var alerts = await db.Alerts.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        if (incident is null || alerts.Count != ids.Count)
        {
            return IncidentChange.NotFound;
        }
        if (alerts.Any(a => a.TenantId != incident.TenantId))
        {
            return IncidentChange.Refused("An incident groups alerts of its own tenant only.");
        }
        if (!incident.IsOpen)
        {
            return IncidentChange.Refused("The incident is closed: reopen it first.");
        }
        var now = clock.GetUtcNow();
        var added = alerts.Where(a => a.IncidentId != incident.Id).ToList();
        foreach (var alert in added)
        {
            alert.LinkToIncident(incident.Id, user.Id, now);
        }
        incident.NoteAlertsLinked([.. added.Select(a => a.Id)], user.Id, now);
        if (added.Count > 0)
        {
            incident.RaiseSeverity(added.Max(a => a.Severity), user.Id, now, "A more severe alert joined the incident");
            audit.Record(incident.TenantId, "incident.alerts-added", nameof(Incident), incident.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
