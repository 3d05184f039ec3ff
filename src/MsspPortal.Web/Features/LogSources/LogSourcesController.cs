using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.LogSources;

[Requires(Capability.ReadDetection)]
[TenantRow(typeof(LogSource))]
public sealed class LogSourcesController(ISender sender, ITenantContext tenant) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListLogSources(), cancellationToken));

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        await LoadAssetsAsync(null, cancellationToken);
        return View(new CreateLogSource { TenantId = tenant.SingleTenantId ?? Guid.Empty });
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateLogSource command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAssetsAsync(null, cancellationToken);
            return View(command);
        }
        return View("KeyCreated", await sender.Send(command, cancellationToken));
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        var form = await sender.Send(new GetLogSourceForEdit(id), cancellationToken);
        if (form is null)
        {
            return NotFound();
        }
        await LoadAssetsAsync(form.TenantId, cancellationToken);
        return View(form);
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Edit(long id, EditLogSource command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (!ModelState.IsValid)
        {
            await LoadAssetsAsync(command.TenantId, cancellationToken);
            return View(command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Log source {command.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> RotateKey(long id, CancellationToken cancellationToken) =>
        await sender.Send(new RotateLogSourceKey(id), cancellationToken) is { } created ? View("KeyCreated", created) : NotFound();

    private async Task LoadAssetsAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        ViewData["Assets"] = await sender.Send(new ListAssetChoices(tenantId), cancellationToken);
}
