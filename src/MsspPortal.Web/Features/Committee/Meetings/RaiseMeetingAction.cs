using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// A new action item from the meeting: what, who of the committee owns it, by when.
public sealed record RaiseMeetingAction(long MeetingId, string? Title, long? OwnerId, DateOnly? DueOn) : ICommand<MeetingChange>;

public sealed class RaiseMeetingActionValidator : AbstractValidator<RaiseMeetingAction>
{
    public RaiseMeetingActionValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what is to be done.")
            .MaximumLength(ActionItem.MaxTitleLength).WithMessage($"An action item's title is at most {ActionItem.MaxTitleLength} characters.");
        RuleFor(c => c.OwnerId).NotNull().WithMessage("Choose the member who owns the action.");
        RuleFor(c => c.DueOn).NotNull().WithMessage("Give the action a due date.");
    }
}

internal sealed class RaiseMeetingActionHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RaiseMeetingAction, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(RaiseMeetingAction command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Held)
        {
            return MeetingChange.Refused(meeting.Id, meeting.IsClosed
                ? $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: no action item can be added to it."
                : "Start the meeting before raising its action items.");
        }
        var owner = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.OwnerId && m.CommitteeId == meeting.CommitteeId && m.Active, cancellationToken);
        if (owner is null)
        {
            return MeetingChange.Refused(meeting.Id, "The owner must be an active member of this committee.");
        }
        var now = clock.GetUtcNow();
        var item = ActionItem.Raise(meeting.TenantId, command.Title!, owner, command.DueOn, now, ActionItemSource.FromMeeting(meeting.Id));
        db.ActionItems.Add(item);
        audit.Record(meeting.TenantId, "meeting.action-item", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, $"Action item raised for {owner.Name}, due {command.DueOn:yyyy-MM-dd}.");
    }
}
