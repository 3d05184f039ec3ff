using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Meetings;

// A decision taken in the meeting, by a member. A decider without decision authority is allowed but flagged on the
// record, so the review sees it.
public sealed record RecordMeetingDecision(long MeetingId, string? Text, long? DeciderId) : ICommand<MeetingChange>;

public sealed class RecordMeetingDecisionValidator : AbstractValidator<RecordMeetingDecision>
{
    public RecordMeetingDecisionValidator()
    {
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write down what was decided.")
            .MaximumLength(CommitteeDecision.MaxTextLength).WithMessage($"A decision is at most {CommitteeDecision.MaxTextLength:N0} characters.");
        RuleFor(c => c.DeciderId).NotNull().WithMessage("Choose the member who took the decision.");
    }
}

internal sealed class RecordMeetingDecisionHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<RecordMeetingDecision, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(RecordMeetingDecision command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null || user.Id is not { } userId)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Held)
        {
            return MeetingChange.Refused(meeting.Id, meeting.IsClosed
                ? $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: no decision can be added to it."
                : "Start the meeting before recording its decisions.");
        }
        var decider = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.DeciderId && m.CommitteeId == meeting.CommitteeId && m.Active, cancellationToken);
        if (decider is null)
        {
            return MeetingChange.Refused(meeting.Id, "The decider must be an active member of this committee.");
        }
        var decision = CommitteeDecision.Record(meeting.TenantId, meeting.CommitteeId, command.Text!, decider, clock.GetUtcNow(), userId, meetingId: meeting.Id);
        db.CommitteeDecisions.Add(decision);
        audit.Record(meeting.TenantId, "meeting.decision", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, decision.Authorised
            ? "Decision recorded."
            : $"Decision recorded, flagged: {decider.Name} has no decision authority.");
    }
}
