using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// Who was there: every active member of the committee is marked present (ticked) or absent.
public sealed record MarkAttendance(long MeetingId, IReadOnlyList<long> Present) : ICommand<MeetingChange>;

internal sealed class MarkAttendanceHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<MarkAttendance, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(MarkAttendance command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.IsClosed)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: its attendance is final.");
        }
        var members = await db.CommitteeMembers.Where(m => m.CommitteeId == meeting.CommitteeId && m.Active).Select(m => m.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var member in members)
        {
            meeting.MarkAttendance(member, command.Present.Contains(member), now);
        }
        audit.Record(meeting.TenantId, "meeting.attendance", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        var present = members.Count(command.Present.Contains);
        return MeetingChange.Done(meeting.Id, $"Attendance saved: {present} of {members.Count} members present.");
    }
}
