using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// The tenant's action-item board (/ActionItems?tenant=slug&owner=id&origin=Meeting), its burn-down, and the steps of
// an item's life. Reading is every role's; changing is ActOnCommittee's. Views live beside this file.
[Requires(Capability.ReadCommittee)]
public sealed class ActionItemsController(ISender sender, ITenantAccess access, IValidator<ChangeActionItemStatus> closing) : Controller
{
    private const string Views = "~/Features/Committee/ActionItems/";

    public async Task<IActionResult> Index(string? tenant, long? owner, string? origin, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found)
        {
            return Pick(scope);
        }
        var byOrigin = Enum.TryParse<ActionItemOrigin>(origin, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ActionItemOrigin?)null;
        var board = await sender.Send(new ListActionItems(scope.Tenant!, owner, byOrigin), cancellationToken);
        return View(Views + "Index.cshtml", board with { CanAct = access.Has(Capability.ActOnCommittee, scope.Tenant!.Id) });
    }

    public async Task<IActionResult> Burndown(string? tenant, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        return scope.Result == CommitteeScope.Outcome.Found
            ? View(Views + "Burndown.cshtml", await sender.Send(new GetActionItemBurndown(scope.Tenant!), cancellationToken))
            : Pick(scope);
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpGet]
    public async Task<IActionResult> Create(string? tenant, long? incidentId, long? reportId, CancellationToken cancellationToken)
    {
        if (incidentId is not null || reportId is not null)
        {
            // Raised from an incident or a report: its tenant, and it stays the item's origin.
            if (await sender.Send(new FindActionOrigin(incidentId, reportId), cancellationToken) is not { } origin)
            {
                return NotFound();
            }
            var own = await sender.Send(new FindCommittee(null, origin.TenantId), cancellationToken);
            ViewData["Origin"] = origin.Label;
            return own.Result == CommitteeScope.Outcome.Found
                ? Form(own, new SaveActionItem { TenantId = origin.TenantId, IncidentId = incidentId, ValueReportId = reportId })
                : NotFound();
        }
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        return scope.Result == CommitteeScope.Outcome.Found ? Form(scope, new SaveActionItem { TenantId = scope.Tenant!.Id }) : Pick(scope);
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost]
    public async Task<IActionResult> Create(SaveActionItem command, CancellationToken cancellationToken)
    {
        if ((command.IncidentId is not null || command.ValueReportId is not null)
            && await sender.Send(new FindActionOrigin(command.IncidentId, command.ValueReportId), cancellationToken) is { } origin)
        {
            ViewData["Origin"] = origin.Label;
        }
        return await SaveAsync(command with { Id = null }, command.TenantId, "Action item raised.", cancellationToken);
    }

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpGet]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetActionItem(id), cancellationToken) is not { } item)
        {
            return NotFound();
        }
        var scope = await sender.Send(new FindCommittee(null, item.TenantId), cancellationToken);
        return scope.Result == CommitteeScope.Outcome.Found ? Form(scope, item.Form) : NotFound();
    }

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpPost]
    public async Task<IActionResult> Edit(long id, SaveActionItem command, CancellationToken cancellationToken) =>
        await sender.Send(new GetActionItem(id), cancellationToken) is { } item
            ? await SaveAsync(command with { Id = id, TenantId = item.TenantId }, item.TenantId, "Action item saved.", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpPost]
    public Task<IActionResult> Start(long id, CancellationToken cancellationToken) =>
        ChangeAsync(new ChangeActionItemStatus { Id = id, To = ActionItemStatus.InProgress }, "Started.", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpGet]
    public Task<IActionResult> Complete(long id, CancellationToken cancellationToken) =>
        CloseFormAsync(new ChangeActionItemStatus { Id = id, To = ActionItemStatus.Done }, cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpPost]
    public Task<IActionResult> Complete(long id, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(new ChangeActionItemStatus { Id = id, To = ActionItemStatus.Done, Note = note }, "Done.", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpGet]
    public Task<IActionResult> Drop(long id, CancellationToken cancellationToken) =>
        CloseFormAsync(new ChangeActionItemStatus { Id = id, To = ActionItemStatus.Dropped }, cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(ActionItem))]
    [HttpPost]
    public Task<IActionResult> Drop(long id, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(new ChangeActionItemStatus { Id = id, To = ActionItemStatus.Dropped, Note = note }, "Dropped.", cancellationToken);

    private IActionResult Pick(CommitteeScope scope) =>
        scope.Result == CommitteeScope.Outcome.ChooseTenant ? View("~/Features/Committee/ChooseTenant.cshtml", scope.Choices) : NotFound();

    private ViewResult Form(CommitteeScope scope, SaveActionItem command)
    {
        ViewData["Tenant"] = scope.Tenant;
        ViewData["Members"] = scope.Members;
        return View(Views + "Edit.cshtml", command);
    }

    private async Task<IActionResult> SaveAsync(SaveActionItem command, Guid tenantId, string done, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(null, tenantId), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Flash"] = done;
                return Redirect(BoardUrl(scope.Tenant!));
            }
            ModelState.AddModelError(result.Field ?? "", result.Error!);
        }
        return Form(scope, command);
    }

    private async Task<IActionResult> CloseFormAsync(ChangeActionItemStatus command, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetActionItem(command.Id), cancellationToken) is not { } item)
        {
            return NotFound();
        }
        ViewData["Item"] = item;
        return View(Views + "Close.cshtml", command);
    }

    // Start, complete, drop: back to the board; a refused close form is shown again with what was typed and why.
    private async Task<IActionResult> ChangeAsync(ChangeActionItemStatus command, string done, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetActionItem(command.Id), cancellationToken) is not { } item)
        {
            return NotFound();
        }
        foreach (var error in (await closing.ValidateAsync(command, cancellationToken)).Errors)
        {
            ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }
            if (result.Succeeded || command.To == ActionItemStatus.InProgress)
            {
                TempData[result.Succeeded ? "Flash" : "Error"] = result.Succeeded ? $"\"{item.Form.Title}\": {done}" : result.Error;
                return Redirect(BoardUrl(item.Tenant));
            }
            ModelState.AddModelError("", result.Error!);
        }
        ViewData["Item"] = item;
        return View(Views + "Close.cshtml", command);
    }

    private static string BoardUrl(CommitteeTenant tenant) => "/ActionItems?tenant=" + Uri.EscapeDataString(tenant.Slug);
}
