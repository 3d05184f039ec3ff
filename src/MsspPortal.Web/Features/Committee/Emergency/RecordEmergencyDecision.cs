using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// A decision of the emergency session: its text and the member who took it. A decider without decision authority
// is recorded and flagged ("not authorised"), never refused: the review must see what was actually decided. The
// decision also goes on the incident's timeline.
public sealed record RecordEmergencyDecision(long Id, string Text, long? DeciderId) : ICommand<ActivationChange>;

public sealed class RecordEmergencyDecisionValidator : AbstractValidator<RecordEmergencyDecision>
{
    public RecordEmergencyDecisionValidator()
    {
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write the decision.").MaximumLength(CommitteeDecision.MaxTextLength);
        RuleFor(c => c.DeciderId).NotNull().WithMessage("Name the member who decided.");
    }
}

internal sealed class RecordEmergencyDecisionHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<RecordEmergencyDecision, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(RecordEmergencyDecision command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        if (!activation.IsActive)
        {
            return new ActivationChange(activation.Id, $"The activation is {activation.State}: its record is final.");
        }
        var decider = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.DeciderId && m.CommitteeId == activation.CommitteeId, cancellationToken);
        if (decider is null)
        {
            return new ActivationChange(activation.Id, "The decider is not a member of this committee.");
        }
        var now = clock.GetUtcNow();
        var recordedBy = await EmergencyNames.OfAsync(db, user.Id, cancellationToken);
        db.CommitteeDecisions.Add(CommitteeDecision.Record(activation.TenantId, activation.CommitteeId, command.Text, decider, now, recordedBy,
            activation.MeetingId, activation.Id, activation.IncidentId));
        if (activation.IncidentId is { } incidentId && await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is { } incident)
        {
            var flag = decider.HasDecisionAuthority && decider.Active ? "" : " (not authorised)";
            incident.NoteCommitteeDecision(user.Id, now, decider.Name + flag, command.Text.Trim());
        }
        audit.Record(activation.TenantId, "committee.decision", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}
