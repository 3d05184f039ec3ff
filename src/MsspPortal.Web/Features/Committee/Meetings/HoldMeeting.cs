using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// Starts the meeting (it is held from now on) or, once started, amends its minutes, until it is closed.
public sealed record HoldMeeting(long MeetingId) : ICommand<MeetingChange>;

public sealed record AmendMinutes(long MeetingId, string? Minutes) : ICommand<MeetingChange>;

public sealed class AmendMinutesValidator : AbstractValidator<AmendMinutes>
{
    public AmendMinutesValidator() =>
        RuleFor(c => c.Minutes).MaximumLength(Meeting.MaxMinutesLength).WithMessage($"Minutes are at most {Meeting.MaxMinutesLength:N0} characters.");
}

internal sealed class HoldMeetingHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<HoldMeeting, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(HoldMeeting command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Scheduled)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: only a scheduled meeting can start.");
        }
        meeting.Hold(clock.GetUtcNow(), null);
        audit.Record(meeting.TenantId, "meeting.held", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, "The meeting has started: write the minutes, record decisions and action items, then the chair or the secretary closes it.");
    }
}

internal sealed class AmendMinutesHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<AmendMinutes, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(AmendMinutes command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.Status != MeetingStatus.Held)
        {
            return MeetingChange.Refused(meeting.Id, meeting.IsClosed
                ? $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: its minutes are final."
                : "Start the meeting before writing its minutes.");
        }
        meeting.AmendMinutes(command.Minutes, clock.GetUtcNow());
        audit.Record(meeting.TenantId, "meeting.minutes", nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, "Minutes saved.");
    }
}
