using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Meetings;

// Closes a held meeting's record: only the chair or the secretary of the tenant's committee, by their own seat (a
// platform admin or an analyst without one may not). Nothing on the meeting changes after.
public sealed record CloseMeeting(long MeetingId) : ICommand<MeetingChange>;

internal sealed class CloseMeetingHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<CloseMeeting, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(CloseMeeting command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null || user.Id is not { } userId)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Held)
        {
            return MeetingChange.Refused(meeting.Id, meeting.IsClosed
                ? $"This meeting is already {meeting.Status.ToString().ToLowerInvariant()}."
                : "Only a meeting that has started can be closed.");
        }
        var seat = await KeeperSeatAsync(db, meeting.CommitteeId, userId, cancellationToken);
        if (seat is null)
        {
            return MeetingChange.Refused(meeting.Id, "Only the chair or the secretary of this committee closes a meeting: your account holds neither seat.");
        }
        var now = clock.GetUtcNow();
        meeting.Close(now < meeting.EndsAt ? now : meeting.EndsAt, seat.Name, now);
        audit.Record(meeting.TenantId, "meeting.closed", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, $"Meeting closed by {seat.Name} ({seat.Role.ToString().ToLowerInvariant()}): its record is final.");
    }

    // The current user's active chair or secretary seat on the committee, if any.
    public static Task<CommitteeMember?> KeeperSeatAsync(PortalDbContext db, long committeeId, string userId, CancellationToken cancellationToken) =>
        db.CommitteeMembers.FirstOrDefaultAsync(m => m.CommitteeId == committeeId && m.UserId == userId && m.Active
            && (m.Role == CommitteeRole.Chair || m.Role == CommitteeRole.Secretary), cancellationToken);
}
