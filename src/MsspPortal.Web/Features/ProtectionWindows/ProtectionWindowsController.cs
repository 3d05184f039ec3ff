using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.ProtectionWindows;

// Protection windows: the list, one window with its four phases (/ProtectionWindows/{id}), and its changes. The
// window itself is detection set-up (its weight changes scores), so creating, editing and deleting it need
// ManageDetection as creating always did; its checklist and review are the committee's work (ActOnCommittee).
// Attribute routes throughout: /ProtectionWindows/{id} sits beside /ProtectionWindows/Create, and literal segments
// win over {id} only among attribute routes.
[Requires(Capability.ReadBusinessContext)]
[Route("ProtectionWindows")]
public sealed class ProtectionWindowsController(ISender sender, ITenantContext tenant, TimeProvider clock) : Controller
{
    private const string Views = "~/Features/ProtectionWindows/";

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? tenantId, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(Views + "Index.cshtml", await sender.Send(new ListProtectionWindows(id), cancellationToken))
            : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpGet("Create")]
    public IActionResult Create(Guid? tenantId)
    {
        var now = clock.GetUtcNow();
        return TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(Views + "Create.cshtml", new CreateProtectionWindow { TenantId = id, StartsAt = now, EndsAt = now.AddDays(7) })
            : tenantId is null ? View("PickTenant") : NotFound();
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost("Create")]
    public async Task<IActionResult> Create(CreateProtectionWindow command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(Views + "Create.cshtml", command);
        }
        var id = await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Protection window {command.Name} created with its checklist.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetProtectionWindow(id), cancellationToken) is { } model ? View(Views + "Details.cshtml", model) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpGet("Edit/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetProtectionWindow(id), cancellationToken) is { } w
            ? View(Views + "Edit.cshtml", new EditProtectionWindow { Id = w.Id, Name = w.Name, StartsAt = w.StartsAt, EndsAt = w.EndsAt, Services = w.Services, Weight = w.Weight })
            : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("Edit/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Edit(long id, EditProtectionWindow command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (!ModelState.IsValid)
        {
            return View(Views + "Edit.cshtml", command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Protection window {command.Name} saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    // Asks first: the page says what goes (the window and its weight) and what stays (its action items).
    [Requires(Capability.ManageDetection)]
    [HttpGet("Delete/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Delete(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetProtectionWindow(id), cancellationToken) is { } model ? View(Views + "Delete.cshtml", model) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("Delete/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Delete(long id, Guid tenantId, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new DeleteProtectionWindow(id), cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Protection window deleted; its action items stay on the board.";
        return RedirectToAction(nameof(Index), new { tenantId = tenantId == Guid.Empty ? (Guid?)null : tenantId });
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("StartChecklist/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> StartChecklist(long id, CancellationToken cancellationToken) =>
        Step(id, await sender.Send(new StartWindowChecklist(id), cancellationToken), "Checklist started.");

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("AddItem/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> AddItem(long id, AddChecklistItem command, CancellationToken cancellationToken)
    {
        command = command with { WindowId = id };
        var result = ModelState.IsValid ? await sender.Send(command, cancellationToken) : WindowStepResult.Refused(Errors());
        return result.Error is { } error ? await RefusedAsync(id, error, "ItemDraft", command, cancellationToken) : Step(id, result, "Item added.");
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("CloseItem/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> CloseItem(long id, CloseChecklistItem command, CancellationToken cancellationToken)
    {
        command = command with { WindowId = id };
        var result = ModelState.IsValid ? await sender.Send(command, cancellationToken) : WindowStepResult.Refused(Errors());
        return result.Error is { } error ? await RefusedAsync(id, error, "CloseDraft", command, cancellationToken) : Step(id, result, command.Drop ? "Item dropped." : "Item done.");
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("Review/{id}")]
    [TenantRow(typeof(ProtectionWindow))]
    public async Task<IActionResult> Review(long id, RecordWindowReview command, CancellationToken cancellationToken)
    {
        command = command with { WindowId = id };
        var result = ModelState.IsValid ? await sender.Send(command, cancellationToken) : WindowStepResult.Refused(Errors());
        return result.Error is { } error ? await RefusedAsync(id, error, "ReviewDraft", command, cancellationToken) : Step(id, result, "Review recorded.");
    }

    private IActionResult Step(long id, WindowStepResult result, string done)
    {
        if (!result.Found)
        {
            return NotFound();
        }
        if (result.Error is { } error)
        {
            TempData["Error"] = error;
        }
        else
        {
            TempData["Flash"] = done;
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    // A refused form shows the window again with the reason and the input as it was typed.
    private async Task<IActionResult> RefusedAsync(long id, string error, string draftKey, object draft, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetProtectionWindow(id), cancellationToken) is not { } model)
        {
            return NotFound();
        }
        ViewData["Error"] = error;
        ViewData[draftKey] = draft;
        return View(Views + "Details.cshtml", model);
    }

    private string Errors() => string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
}
