using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Meetings;

// The agenda by hand while the meeting is open: an item added, removed, moved one place, or noted (what was said,
// and whether it was discussed). A closed or cancelled meeting's agenda is final.
public sealed record EditAgenda(long MeetingId, AgendaEdit Edit, long? ItemId = null, string? Title = null, string? Detail = null,
    int Direction = 0, string? Notes = null, bool Discussed = false) : ICommand<MeetingChange>;

public enum AgendaEdit
{
    Add,
    Remove,
    Move,
    Note,
}

public sealed class EditAgendaValidator : AbstractValidator<EditAgenda>
{
    public const int MaxNotesLength = 4000;

    public EditAgendaValidator()
    {
        RuleFor(c => c.Edit).IsInEnum();
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the agenda item a title.").MaximumLength(300).When(c => c.Edit == AgendaEdit.Add);
        RuleFor(c => c.Detail).MaximumLength(1000);
        RuleFor(c => c.ItemId).NotNull().When(c => c.Edit != AgendaEdit.Add);
        RuleFor(c => c.Direction).Must(d => d is -1 or 1).WithMessage("Move an item up or down.").When(c => c.Edit == AgendaEdit.Move);
        RuleFor(c => c.Notes).MaximumLength(MaxNotesLength);
    }
}

internal sealed class EditAgendaHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<EditAgenda, MeetingChange>
{
    public async ValueTask<MeetingChange> Handle(EditAgenda command, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Include(m => m.Agenda).FirstOrDefaultAsync(m => m.Id == command.MeetingId, cancellationToken);
        if (meeting is null)
        {
            return MeetingChange.NotFound;
        }
        if (meeting.IsClosed)
        {
            return MeetingChange.Refused(meeting.Id, $"This meeting is {meeting.Status.ToString().ToLowerInvariant()}: its agenda can no longer change.");
        }
        var item = meeting.Agenda.FirstOrDefault(a => a.Id == command.ItemId);
        if (command.Edit != AgendaEdit.Add && item is null)
        {
            return MeetingChange.Refused(meeting.Id, "That item is no longer on the agenda.");
        }
        var now = clock.GetUtcNow();
        string message;
        switch (command.Edit)
        {
            case AgendaEdit.Add:
                meeting.AddToAgenda(AgendaSource.Manual, null, command.Title!.Trim(), string.IsNullOrWhiteSpace(command.Detail) ? null : command.Detail.Trim(), null, now);
                message = "Item added to the agenda.";
                break;
            case AgendaEdit.Remove:
                meeting.RemoveFromAgenda(item!.Id, now);
                db.AgendaItems.Remove(item);
                message = $"\u201c{item.Title}\u201d removed from the agenda.";
                break;
            case AgendaEdit.Move:
                meeting.MoveAgendaItem(item!.Id, command.Direction, now);
                message = "Agenda reordered.";
                break;
            default:
                item!.Note(command.Notes, command.Discussed);
                message = "Notes saved.";
                break;
        }
        audit.Record(meeting.TenantId, "meeting.agenda-" + command.Edit.ToString().ToLowerInvariant(), nameof(Meeting), meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return MeetingChange.Done(meeting.Id, message);
    }
}
