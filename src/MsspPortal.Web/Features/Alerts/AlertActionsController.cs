using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

// The alert page's actions, each one step of TriageAlerts on the alert in the route. A rejected form shows the alert
// page again with what was typed and why it was refused; a step that went through redirects back with a message.
[Route("Alerts/{id}")]
[TenantRow(typeof(Alert))]
[AutoValidateAntiforgeryToken]
public sealed class AlertActionsController(ISender sender) : Controller
{
    private const string DetailsView = "~/Features/Alerts/Details.cshtml";

    [HttpPost("Acknowledge"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Acknowledge(long id, CancellationToken cancellationToken) =>
        TriageAsync(id, new TriageAction(TriageVerb.Acknowledge), new AlertForm("acknowledge"), "Acknowledged.", cancellationToken);

    // An empty assignee means "me"; "none" takes the alert off whoever holds it.
    [HttpPost("Assign"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Assign(long id, string? assigneeId, CancellationToken cancellationToken)
    {
        var action = assigneeId switch
        {
            null or "" or "me" => new TriageAction(TriageVerb.AssignToMe),
            "none" => new TriageAction(TriageVerb.Unassign),
            _ => new TriageAction(TriageVerb.Assign, AssigneeId: assigneeId),
        };
        return TriageAsync(id, action, new AlertForm("assign") { AssigneeId = assigneeId }, "Assignment saved.", cancellationToken);
    }

    [HttpPost("Status"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Status(long id, AlertStatus? status, string? reason, CancellationToken cancellationToken) =>
        TriageAsync(id, new TriageAction(TriageVerb.ChangeStatus, Status: status, Reason: reason),
            new AlertForm("status") { Status = status, Text = reason }, $"Status: {status}.", cancellationToken);

    [HttpPost("Escalate"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Escalate(long id, string? reason, CancellationToken cancellationToken) =>
        TriageAsync(id, new TriageAction(TriageVerb.Escalate, Reason: reason), new AlertForm("escalate") { Text = reason }, "Escalated.", cancellationToken);

    [HttpPost("Resolve"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Resolve(long id, AlertDisposition? disposition, string? reason, CancellationToken cancellationToken) =>
        TriageAsync(id, new TriageAction(TriageVerb.Resolve, Disposition: disposition, Reason: reason),
            new AlertForm("resolve") { Disposition = disposition, Text = reason }, $"Resolved as {disposition}.", cancellationToken);

    [HttpPost("Comment"), Requires(Capability.TriageAlerts)]
    public Task<IActionResult> Comment(long id, string? text, CancellationToken cancellationToken) =>
        TriageAsync(id, new TriageAction(TriageVerb.Comment, Reason: text), new AlertForm("comment") { Text = text }, "Comment added.", cancellationToken);

    // Folds this alert into the one numbered: the survivor keeps the verdict, this one points to it.
    [HttpPost("Merge"), Requires(Capability.TriageAlerts)]
    public async Task<IActionResult> Merge(long id, string? targetId, CancellationToken cancellationToken)
    {
        var form = new AlertForm("merge") { Text = targetId };
        // "#123" and "123" both name alert 123; anything else is refused with the input kept.
        if (!long.TryParse(targetId?.Trim().TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var target))
        {
            return await RejectAsync(id, form with { Errors = ["Give the number of the alert to merge into."] }, cancellationToken);
        }
        return await TriageAsync(id, new TriageAction(TriageVerb.Merge, TargetId: target), form, $"Merged into alert #{target}.", cancellationToken);
    }

    // Read-only roles answer a question the analysts asked; the handler refuses unless the alert waits on the customer.
    [HttpPost("Answer"), Requires(Capability.ReadAlerts)]
    public async Task<IActionResult> Answer(long id, string? text, CancellationToken cancellationToken)
    {
        var form = new AlertForm("answer") { Text = text };
        try
        {
            return await sender.Send(new AnswerAlert(id, text), cancellationToken) switch
            {
                AnswerAlertResult.Answered => Back(id, "Answer sent to the analysts."),
                AnswerAlertResult.NotWaiting => await RejectAsync(id, form with { Errors = ["The analysts are not waiting on an answer for this alert."] }, cancellationToken),
                AnswerAlertResult.NotAllowed => Forbid(),
                _ => NotFound(),
            };
        }
        catch (ValidationException e)
        {
            return await RejectAsync(id, form with { Errors = [.. e.Errors.Select(x => x.ErrorMessage)] }, cancellationToken);
        }
    }

    [HttpPost("Suppress"), Requires(Capability.TriageAlerts)]
    public async Task<IActionResult> Suppress(long id, SuppressionField? field, int hours, string? reason, CancellationToken cancellationToken)
    {
        var form = new AlertForm("suppress") { Text = reason, Hours = hours, Field = field };
        try
        {
            return await sender.Send(new SuppressSimilarAlerts(id, field, hours, reason), cancellationToken) switch
            {
                SuppressSimilarAlertsResult.Suppressed => Back(id, $"Similar alerts suppressed for {hours} h."),
                SuppressSimilarAlertsResult.NoSuchEntity => await RejectAsync(id, form with { Errors = ["This alert has no such value to suppress on."] }, cancellationToken),
                SuppressSimilarAlertsResult.NotAllowed => Forbid(),
                _ => NotFound(),
            };
        }
        catch (ValidationException e)
        {
            return await RejectAsync(id, form with { Errors = [.. e.Errors.Select(x => x.ErrorMessage)] }, cancellationToken);
        }
    }

    private async Task<IActionResult> TriageAsync(long id, TriageAction action, AlertForm form, string done, CancellationToken cancellationToken)
    {
        TriageResult result;
        try
        {
            result = await sender.Send(new TriageAlerts([id], action), cancellationToken);
        }
        catch (ValidationException e)
        {
            return await RejectAsync(id, form with { Errors = [.. e.Errors.Select(x => x.ErrorMessage).Distinct()] }, cancellationToken);
        }
        if (result.Refused.Count > 0)
        {
            return await RejectAsync(id, form with { Errors = result.Refused }, cancellationToken);
        }
        return Back(id, result.Changed > 0 ? done : "Nothing to change.");
    }

    private RedirectToActionResult Back(long id, string message)
    {
        TempData["Flash"] = message;
        return RedirectToAction(nameof(AlertsController.Details), "Alerts", new { id });
    }

    private async Task<IActionResult> RejectAsync(long id, AlertForm form, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetAlert(id), cancellationToken) is not { } alert)
        {
            return NotFound();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(DetailsView, alert with { Form = form });
    }
}
