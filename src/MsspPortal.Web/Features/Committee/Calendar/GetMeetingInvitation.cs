using Mediator;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Committee.Calendar;

// One meeting as an invitation (.ics) to import or forward: null when the meeting is not in the caller's scope.
public sealed record GetMeetingInvitation(long MeetingId) : IQuery<MeetingInvitation?>;

public sealed record MeetingInvitation(string FileName, string Method, string Content);

internal sealed class GetMeetingInvitationHandler(PortalDbContext db) : IQueryHandler<GetMeetingInvitation, MeetingInvitation?>
{
    public async ValueTask<MeetingInvitation?> Handle(GetMeetingInvitation query, CancellationToken cancellationToken)
    {
        var entries = await MeetingCalendar.LoadAsync(db, db.Meetings.Where(m => m.Id == query.MeetingId), cancellationToken);
        if (entries is not [var entry])
        {
            return null;
        }
        var method = MeetingCalendar.MethodFor(entry.Meeting);
        return new MeetingInvitation($"meeting-{entry.Meeting.Id}.ics", method, MeetingCalendar.Write(entries, method));
    }
}
