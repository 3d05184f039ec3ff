using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The button: someone who may act on the committee activates it by hand, with a reason and optionally the incident.
public sealed record ActivateCommittee(Guid TenantId, string Reason, long? IncidentId) : ICommand<ActivationChange>;

// The outcome of a step on an activation: its id, or why it was refused; NotFound when the activation (or the
// tenant, incident or member named) is not visible to the caller.
public sealed record ActivationChange(long? ActivationId, string? Error = null)
{
    public static readonly ActivationChange NotFound = new((long?)null);

    public bool IsNotFound => ActivationId is null && Error is null;
}

public sealed class ActivateCommitteeValidator : AbstractValidator<ActivateCommittee>
{
    public ActivateCommitteeValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the committee is activated.").MaximumLength(500);
        RuleFor(c => c.IncidentId).GreaterThan(0).When(c => c.IncidentId is not null).WithMessage("An incident number is positive.");
    }
}

internal sealed class ActivateCommitteeHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, ITenantAccess access, AuditLog audit, EmergencyDesk desk)
    : ICommandHandler<ActivateCommittee, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(ActivateCommittee command, CancellationToken cancellationToken)
    {
        // The form names its tenant: one the caller may not act on is as good as absent.
        if (!access.Has(Capability.ActOnCommittee, command.TenantId) || !await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return ActivationChange.NotFound;
        }
        var now = clock.GetUtcNow();
        if (command.IncidentId is { } incidentId)
        {
            var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId && i.TenantId == command.TenantId, cancellationToken);
            if (incident is null)
            {
                return new ActivationChange(null, $"Incident {incidentId} is not one of this tenant's incidents.");
            }
            incident.NoteEmergency(user.Id, now, "Joint committee activated: " + command.Reason.Trim());
        }
        var activation = await desk.DeclareAsync(command.TenantId, command.IncidentId, null, command.Reason.Trim(), user.Id ?? "system", now, cancellationToken);
        if (activation is null)
        {
            return new ActivationChange(null, "This tenant has no joint committee yet.");
        }
        audit.Record(activation.TenantId, "committee.activated", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}
