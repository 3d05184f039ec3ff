using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The session's steps by hand: open it before the quorum is complete, declare the situation stable, close the record
// after the review (the chair or the secretary only: their seat on this committee is checked, an admin without one
// may not), or call a false alarm off.
public sealed record ChangeActivationState(long Id, ActivationStep Step) : ICommand<ActivationChange>;

public enum ActivationStep
{
    OpenSession,
    Stable,
    Close,
    Cancel,
}

internal sealed class ChangeActivationStateHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<ChangeActivationState, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(ChangeActivationState command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.Include(a => a.Updates).FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        var now = clock.GetUtcNow();
        if (command.Step == ActivationStep.Close
            && !await db.CommitteeMembers.AnyAsync(m => m.CommitteeId == activation.CommitteeId && m.Active && m.UserId != null && m.UserId == user.Id
                && (m.Role == CommitteeRole.Chair || m.Role == CommitteeRole.Secretary), cancellationToken))
        {
            return new ActivationChange(activation.Id, "Only the chair or the secretary of this committee closes the record.");
        }
        try
        {
            switch (command.Step)
            {
                case ActivationStep.OpenSession:
                    activation.OpenSession(now);
                    break;
                case ActivationStep.Stable:
                    activation.MarkStable(now);
                    break;
                case ActivationStep.Close:
                    activation.Close(now);
                    break;
                case ActivationStep.Cancel:
                    activation.Cancel(now);
                    break;
                default:
                    return new ActivationChange(activation.Id, "Unknown step.");
            }
        }
        catch (InvalidOperationException refused)
        {
            return new ActivationChange(activation.Id, refused.Message);
        }
        await RecordOnMeetingAsync(activation, command.Step, now, cancellationToken);
        audit.Record(activation.TenantId, "committee.activation-" + command.Step.ToString().ToLowerInvariant(), nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }

    // The emergency meeting follows the session: held from the session's opening with the review as its minutes,
    // closed with the record; called off with the activation.
    private async Task RecordOnMeetingAsync(EmergencyActivation activation, ActivationStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (step is not (ActivationStep.Close or ActivationStep.Cancel) || activation.MeetingId is not { } meetingId
            || await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, cancellationToken) is not { IsClosed: false } meeting)
        {
            return;
        }
        if (step == ActivationStep.Cancel)
        {
            meeting.Cancel(now);
            return;
        }
        if (meeting.HeldAt is null)
        {
            meeting.Hold(activation.InSessionAt ?? activation.DeclaredAt, activation.ReviewSummary);
        }
        meeting.Close(activation.StableAt ?? now, await EmergencyNames.OfAsync(db, user.Id, cancellationToken), now);
    }
}
