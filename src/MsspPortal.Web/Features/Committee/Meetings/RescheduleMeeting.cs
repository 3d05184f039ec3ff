using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// A scheduled meeting moved (a local date and time in the meeting's zone, and its length) or cancelled.
public sealed record RescheduleMeeting(long MeetingId, DateOnly? Date, TimeOnly? Time, int Minutes) : ICommand<MeetingChange>;

public sealed record CancelMeeting(long MeetingId) : ICommand<MeetingChange>;

public sealed class RescheduleMeetingValidator : AbstractValidator<RescheduleMeeting>
{
    public RescheduleMeetingValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Choose the new date.");
        RuleFor(c => c.Time).NotNull().WithMessage("Choose the new start time.");
        RuleFor(c => c.Minutes).InclusiveBetween(15, 480).WithMessage("A meeting lasts between 15 minutes and 8 hours.");
    }
}

internal sealed class RescheduleMeetingHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RescheduleMeeting, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(RescheduleMeeting command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: only a scheduled meeting can be moved.");
        }
        var now = clock.GetUtcNow();
        var startsAt = SyncCalendar.ToUtc(command.Date!.Value, command.Time!.Value, SyncCalendar.Zone(meeting.TimeZone));
        if (startsAt <= now)
        {
            return MeetingChange.Refused(meeting.Id, "Move the meeting to a time that has not passed yet.");
        }
        var title = meeting.Kind == MeetingKind.Weekly && meeting.Title.StartsWith("Weekly sync ", StringComparison.Ordinal)
            ? $"Weekly sync {command.Date:yyyy-MM-dd}" : meeting.Title;
        meeting.Reschedule(title, startsAt, startsAt.AddMinutes(command.Minutes), meeting.Location, now);
        audit.Record(meeting.TenantId, "meeting.rescheduled", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, $"Meeting moved to {command.Date:yyyy-MM-dd} {command.Time:HH\\:mm} ({meeting.TimeZone}).");
    }
}

internal sealed class CancelMeetingHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<CancelMeeting, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(CancelMeeting command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: only a scheduled meeting can be cancelled.");
        }
        meeting.Cancel(clock.GetUtcNow());
        audit.Record(meeting.TenantId, "meeting.cancelled", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, "Meeting cancelled.");
    }
}
