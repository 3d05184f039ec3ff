using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.Meetings;

// The committee's meetings: the list per tenant, one meeting's page, and each step of it (agenda, attendance, start,
// minutes, decisions, action items, close; move or cancel while scheduled). A step that went through redirects back
// with a message; a refused one shows the page again with what was typed and why.
[Route("Meetings")]
[Requires(Capability.ReadCommittee)]
[TenantRow(typeof(Meeting))]
[AutoValidateAntiforgeryToken]
public sealed class MeetingsController(ISender sender, ITenantContext tenant, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Committee/Meetings/";

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? tenantId, MeetingKind? kind, CancellationToken cancellationToken)
    {
        if (TenantPick.Resolve(tenant, tenantId) is not { } id)
        {
            return tenantId is null ? View("PickTenant") : NotFound();
        }
        if (await sender.Send(new ListMeetings(id, kind is { } k && Enum.IsDefined(k) ? k : null), cancellationToken) is not { } model)
        {
            return NotFound();
        }
        ViewData["CanAct"] = access.Has(Capability.ActOnCommittee, id);
        return View(Views + "Index.cshtml", model);
    }

    // Plans the next four weeks of weekly syncs now, as the daily job does.
    [HttpPost("Plan"), Requires(Capability.ActOnCommittee)]
    public async Task<IActionResult> Plan(Guid tenantId, CancellationToken cancellationToken)
    {
        if (TenantPick.Resolve(tenant, tenantId) is not { } id)
        {
            return NotFound();
        }
        var planned = await sender.Send(new PlanWeeklySyncs(id), cancellationToken);
        TempData["Flash"] = planned.Created.Count == 0
            ? "The next four weeks are already planned."
            : $"{planned.Created.Count} weekly sync{(planned.Created.Count == 1 ? "" : "s")} planned, each with its agenda.";
        return RedirectToAction(nameof(Index), new { tenantId = id });
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, new MeetingForm(), cancellationToken) is { } model ? View(Views + "Details.cshtml", model) : NotFound();

    [HttpPost("{id}/Agenda/Assemble"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Assemble(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new AssembleAgenda(id), new MeetingForm { Which = "agenda" }, cancellationToken);

    [HttpPost("{id}/Agenda/Add"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> AddItem(long id, string? title, string? detail, CancellationToken cancellationToken) =>
        StepAsync(id, new EditAgenda(id, AgendaEdit.Add, Title: title, Detail: detail), new MeetingForm { Which = "add-item", Title = title, Detail = detail }, cancellationToken);

    [HttpPost("{id}/Agenda/Remove"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> RemoveItem(long id, long itemId, CancellationToken cancellationToken) =>
        StepAsync(id, new EditAgenda(id, AgendaEdit.Remove, itemId), new MeetingForm { Which = "agenda", ItemId = itemId }, cancellationToken);

    [HttpPost("{id}/Agenda/Move"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> MoveItem(long id, long itemId, int direction, CancellationToken cancellationToken) =>
        StepAsync(id, new EditAgenda(id, AgendaEdit.Move, itemId, Direction: direction), new MeetingForm { Which = "agenda", ItemId = itemId }, cancellationToken);

    [HttpPost("{id}/Agenda/Note"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> NoteItem(long id, long itemId, string? notes, bool discussed, CancellationToken cancellationToken) =>
        StepAsync(id, new EditAgenda(id, AgendaEdit.Note, itemId, Notes: notes, Discussed: discussed),
            new MeetingForm { Which = "note", ItemId = itemId, Notes = notes }, cancellationToken);

    [HttpPost("{id}/Attendance"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Attendance(long id, long[]? present, CancellationToken cancellationToken) =>
        StepAsync(id, new MarkAttendance(id, present ?? []), new MeetingForm { Which = "attendance" }, cancellationToken);

    [HttpPost("{id}/Hold"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Hold(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new HoldMeeting(id), new MeetingForm { Which = "status" }, cancellationToken);

    [HttpPost("{id}/Minutes"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Minutes(long id, string? minutes, CancellationToken cancellationToken) =>
        StepAsync(id, new AmendMinutes(id, minutes), new MeetingForm { Which = "minutes", Minutes = minutes }, cancellationToken);

    [HttpPost("{id}/Decisions"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Decide(long id, string? text, long? deciderId, CancellationToken cancellationToken) =>
        StepAsync(id, new RecordMeetingDecision(id, text, deciderId), new MeetingForm { Which = "decision", DecisionText = text, DeciderId = deciderId }, cancellationToken);

    [HttpPost("{id}/Actions"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> RaiseAction(long id, string? title, long? ownerId, string? dueOn, CancellationToken cancellationToken)
    {
        var form = new MeetingForm { Which = "action", ActionTitle = title, OwnerId = ownerId, DueOn = dueOn };
        DateOnly? due = DateOnly.TryParseExact(dueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return StepAsync(id, new RaiseMeetingAction(id, title, ownerId, due), form, cancellationToken);
    }

    [HttpPost("{id}/Close"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Close(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new CloseMeeting(id), new MeetingForm { Which = "status" }, cancellationToken);

    [HttpPost("{id}/Cancel"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Cancel(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new CancelMeeting(id), new MeetingForm { Which = "status" }, cancellationToken);

    [HttpPost("{id}/Reschedule"), Requires(Capability.ActOnCommittee)]
    public Task<IActionResult> Reschedule(long id, string? date, string? time, int? length, CancellationToken cancellationToken)
    {
        var form = new MeetingForm { Which = "reschedule", Date = date, Time = time, Length = length };
        DateOnly? day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        TimeOnly? at = TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
        return StepAsync(id, new RescheduleMeeting(id, day, at, length ?? 0), form, cancellationToken);
    }

    private async Task<IActionResult> StepAsync(long id, ICommand<MeetingChange> command, MeetingForm form, CancellationToken cancellationToken)
    {
        MeetingChange result;
        try
        {
            result = await sender.Send(command, cancellationToken);
        }
        catch (ValidationException invalid)
        {
            return await RejectedAsync(id, form with { Error = string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct()) }, cancellationToken);
        }
        if (result.MeetingId is null)
        {
            return NotFound();
        }
        if (result.Error is { } error)
        {
            return await RejectedAsync(id, form with { Error = error }, cancellationToken);
        }
        TempData["Flash"] = result.Message;
        return Redirect($"/Meetings/{id}" + (form.Which is { } which ? "#" + which : ""));
    }

    // The page again, with the form as typed and the reason it was refused (422: the request was understood, not accepted).
    private async Task<IActionResult> RejectedAsync(long id, MeetingForm form, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, form, cancellationToken) is not { } model)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(Views + "Details.cshtml", model);
    }

    private async Task<MeetingViewModel?> LoadAsync(long id, MeetingForm form, CancellationToken cancellationToken) =>
        await sender.Send(new GetMeeting(id), cancellationToken) is { } meeting
            ? meeting with { CanAct = access.Has(Capability.ActOnCommittee, meeting.TenantId), Form = form }
            : null;
}
