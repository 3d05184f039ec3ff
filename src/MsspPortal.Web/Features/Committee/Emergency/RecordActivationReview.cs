using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The post-incident review: its summary (due within 3 days of stable), and its owned follow-ups, each an action
// item of the incident and the activation.
public sealed record RecordActivationReview(long Id, string Summary) : ICommand<ActivationChange>;

public sealed class RecordActivationReviewValidator : AbstractValidator<RecordActivationReview>
{
    public RecordActivationReviewValidator() => RuleFor(c => c.Summary).NotEmpty().WithMessage("Summarise the review.").MaximumLength(8000);
}

internal sealed class RecordActivationReviewHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RecordActivationReview, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(RecordActivationReview command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        try
        {
            activation.RecordReview(command.Summary, clock.GetUtcNow());
        }
        catch (InvalidOperationException refused)
        {
            return new ActivationChange(activation.Id, refused.Message);
        }
        audit.Record(activation.TenantId, "committee.activation-review", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}

public sealed record AddActivationFollowUp(long Id, string Title, long? OwnerId, DateOnly? DueOn) : ICommand<ActivationChange>;

public sealed class AddActivationFollowUpValidator : AbstractValidator<AddActivationFollowUp>
{
    public AddActivationFollowUpValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Name the follow-up.").MaximumLength(ActionItem.MaxTitleLength);
        RuleFor(c => c.OwnerId).NotNull().WithMessage("A follow-up has an owner.");
        RuleFor(c => c.DueOn).NotNull().WithMessage("A follow-up has a due date.");
    }
}

internal sealed class AddActivationFollowUpHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<AddActivationFollowUp, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(AddActivationFollowUp command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        if (activation.StableAt is null || !activation.IsActive)
        {
            return new ActivationChange(activation.Id, "Follow-ups are raised by the review, once the situation is stable and before the record is closed.");
        }
        if (activation.IncidentId is not { } incidentId)
        {
            return new ActivationChange(activation.Id, "This activation names no incident: raise the follow-up on the action-item board.");
        }
        var owner = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.OwnerId && m.CommitteeId == activation.CommitteeId, cancellationToken);
        if (owner is null)
        {
            return new ActivationChange(activation.Id, "The owner is not a member of this committee.");
        }
        db.ActionItems.Add(ActionItem.Raise(activation.TenantId, command.Title.Trim(), owner, command.DueOn, clock.GetUtcNow(),
            ActionItemSource.FromIncident(incidentId, activation.Id)));
        audit.Record(activation.TenantId, "committee.activation-follow-up", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}
