using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Moves an open incident: contained, waiting on the customer (the clock pauses; a question is the reason), or back
// to open. Closing and reopening have their own messages: they ask for more.
public sealed record ChangeIncidentStatus(long Id, IncidentStatus To, string? Reason) : ICommand<IncidentChange>;

public sealed class ChangeIncidentStatusValidator : AbstractValidator<ChangeIncidentStatus>
{
    public ChangeIncidentStatusValidator()
    {
        RuleFor(c => c.To).IsInEnum().NotEqual(IncidentStatus.Closed).WithMessage("Close an incident with its impact.");
        RuleFor(c => c.Reason).MaximumLength(2000);
        RuleFor(c => c.Reason).NotEmpty().When(c => c.To == IncidentStatus.WaitingOnCustomer)
            .WithMessage("Say what the customer is asked.");
    }
}

internal sealed class ChangeIncidentStatusHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ChangeIncidentStatus, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(ChangeIncidentStatus command, CancellationToken cancellationToken)
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
        switch (command.To)
        {
            case IncidentStatus.Contained when incident.Status == IncidentStatus.Contained:
                break;
            case IncidentStatus.Contained:
                incident.Contain(user.Id, now, reason);
                break;
            case IncidentStatus.WaitingOnCustomer:
                incident.WaitOnCustomer(user.Id, now, reason!);
                break;
            default:
                incident.Resume(user.Id, now, reason);
                break;
        }
        audit.Record(incident.TenantId, "incident.status-changed", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
