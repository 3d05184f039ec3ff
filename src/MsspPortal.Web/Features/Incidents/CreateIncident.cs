using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Opens an incident from one or more alerts of one tenant (the alert page and the queue post here).
public sealed record CreateIncident(long[] AlertIds, string Title) : ICommand<IncidentChange>;

// What an incident action did: the incident's id, or why it was refused (null id and null error: not found).
public sealed record IncidentChange(long? IncidentId, string? Error = null)
{
    public static readonly IncidentChange NotFound = new((long?)null);

    public static IncidentChange Refused(string error) => new((long?)null, error);
}

public sealed class CreateIncidentValidator : AbstractValidator<CreateIncident>
{
    public CreateIncidentValidator()
    {
        RuleFor(c => c.AlertIds).NotEmpty().WithMessage("Choose at least one alert.").Must(ids => ids is null || ids.Length <= 500)
            .WithMessage("At most 500 alerts at once.");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
    }
}

internal sealed class CreateIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<CreateIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(CreateIncident command, CancellationToken cancellationToken)
    {
        var ids = command.AlertIds.Distinct().ToList();
        // The tenant filter applies: an alert out of reach is not found, and then neither is the request.
        var alerts = await db.Alerts.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        if (alerts.Count != ids.Count)
        {
            return IncidentChange.NotFound;
        }
        if (alerts.Select(a => a.TenantId).Distinct().Count() > 1)
        {
            return IncidentChange.Refused("An incident groups alerts of one tenant.");
        }
        var tenantId = alerts[0].TenantId;
        var now = clock.GetUtcNow();
        var severity = alerts.Max(a => a.Severity);
        var sla = await IncidentSla.TermsAsync(db, tenantId, severity, now, cancellationToken);
        var incident = Incident.Open(tenantId, command.Title, severity, now, sla, user.Id);

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            // The incident needs its id before the alerts can point at it; both land together or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var alert in alerts)
            {
                alert.LinkToIncident(incident.Id, user.Id, now);
            }
            incident.NoteAlertsLinked(ids, user.Id, now);
            audit.Record(tenantId, "incident.opened", nameof(Incident), incident.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return new IncidentChange(incident.Id);
    }
}
