using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// "Refresh agenda": adds to an open meeting's agenda what the records of its week hold and the agenda does not.
public sealed record AssembleAgenda(long MeetingId) : ICommand<MeetingChange>;

internal sealed class AssembleAgendaHandler(PortalDbContext db, TimeProvider clock, ISender sender, AuditLog audit) : ICommandHandler<AssembleAgenda, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(AssembleAgenda command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.IsClosed)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: its agenda is final.");
        }
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == meeting.TenantId, cancellationToken);
        var added = await new AgendaAssembler(db, sender).AssembleAsync(meeting, tenant, clock.GetUtcNow(), cancellationToken);
        audit.Record(meeting.TenantId, "meeting.agenda-assembled", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, added == 0 ? "The agenda already holds everything from the week's records." : $"{added} item{(added == 1 ? "" : "s")} added from the week's records.");
    }
}

// What a step on a meeting did: the meeting (null when it is not in reach), and the refusal or the message to show.
public sealed record MeetingChange(long? MeetingId, string? Error, string? Message)
{
    public static MeetingChange NotFound { get; } = new(null, null, null);

    public static MeetingChange Done(long meetingId, string message) => new(meetingId, null, message);

    public static MeetingChange Refused(long meetingId, string error) => new(meetingId, error, null);
}
