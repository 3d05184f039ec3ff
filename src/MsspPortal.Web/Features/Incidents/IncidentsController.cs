using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Reading needs ReadAlerts; every action TriageAlerts, which also narrows the scope to the tenants the caller may
// triage, so an {id} of a tenant they only read is simply not found. The id routes' rows are checked by TenantRow.
[Requires(Capability.ReadAlerts)]
[TenantRow(typeof(Incident))]
public sealed class IncidentsController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(string? status, string? severity, string? tenant, string? after, CancellationToken cancellationToken) =>
        View(await sender.Send(new ListIncidents(UrlValue.Parse<IncidentStatus>(status), UrlValue.Parse<AlertSeverity>(severity),
            string.IsNullOrWhiteSpace(tenant) ? null : tenant.Trim(), IncidentCursor.Parse(after)), cancellationToken));

    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetIncident(id), cancellationToken) is { } incident ? View(incident) : NotFound();

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateIncident command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState);
        }
        var result = await sender.Send(command, cancellationToken);
        return Done(result, $"Incident opened from {command.AlertIds.Distinct().Count()} alert(s).");
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public async Task<IActionResult> AddAlerts(AddAlertsToIncident command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(ModelState);
        }
        return Done(await sender.Send(command, cancellationToken), "Alerts added to the incident.");
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> Assign(long id, AssignIncident command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Owner changed.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> Status(long id, ChangeIncidentStatus command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, $"Status: {UrlValue.Of(command.To).Replace('-', ' ')}.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> Escalate(long id, EscalateIncident command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Incident escalated.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> Comment(long id, CommentOnIncident command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Comment added.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> AddTask(long id, AddIncidentTask command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Task added.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> CompleteTask(long id, CompleteIncidentTask command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Task done.", cancellationToken);

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public async Task<IActionResult> Close(long id, CloseIncident command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (result.IncidentId is not null || result.Error is null)
            {
                return Done(result, "Incident closed with its impact.");
            }
            ModelState.AddModelError("", result.Error);
        }
        // Shown again with what was typed and why it was refused.
        return await sender.Send(new GetIncident(id), cancellationToken) is { } incident
            ? View(nameof(Details), incident with { CloseForm = command })
            : NotFound();
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public Task<IActionResult> Reopen(long id, ReopenIncident command, CancellationToken cancellationToken) =>
        SendAsync(command with { Id = id }, "Incident reopened.", cancellationToken);

    private async Task<IActionResult> SendAsync(ICommand<IncidentChange> command, string done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RouteData.Values["id"] is { } id ? RedirectToAction(nameof(Details), new { id }) : BadRequest();
        }
        return Done(await sender.Send(command, cancellationToken), done);
    }

    private IActionResult Done(IncidentChange result, string done)
    {
        if (result.IncidentId is { } id)
        {
            TempData["Flash"] = done;
            return RedirectToAction(nameof(Details), new { id });
        }
        if (result.Error is { } error)
        {
            if (RouteData.Values["id"] is { } routeId)
            {
                TempData["Error"] = error;
                return RedirectToAction(nameof(Details), new { id = routeId });
            }
            return BadRequest(error);
        }
        return NotFound();
    }
}
