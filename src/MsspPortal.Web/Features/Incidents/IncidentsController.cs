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
            return Refused();
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
            return Refused();
        }
        var result = await sender.Send(command, cancellationToken);
        return result.Error is { } error ? Refused(error, command.IncidentId) : Done(result, "Alerts added to the incident.");
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
            return Refused();
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
        return result.Error is { } error ? Refused(error) : NotFound();
    }

    // A refused form goes back where it came from (the incident, or the list) with the reasons to read.
    private RedirectToActionResult Refused(string? error = null, long? incidentId = null)
    {
        TempData["Error"] = error ?? string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        var id = incidentId ?? RouteData.Values["id"];
        return id is null ? RedirectToAction(nameof(Index)) : RedirectToAction(nameof(Details), new { id });
    }
}
