using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Ingestion;
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

    public async Task<IActionResult> Quarantine(long id, CancellationToken cancellationToken) =>
        await sender.Send(new Ingestion.ListQuarantine(id), cancellationToken) is { } model ? View(model) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Reprocess(long id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new Ingestion.ReprocessQuarantine(id), cancellationToken) is not { } result)
        {
            return NotFound();
        }
        TempData["Flash"] = result.Busy
            ? "A worker is processing this tenant's logs right now; nothing was reprocessed. Try again in a minute."
            : $"{result.Released} line(s) now parse and became events; {result.StillQuarantined} remain quarantined.";
        return RedirectToAction(nameof(Quarantine), new { id });
    }

    private async Task LoadAssetsAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        ViewData["Assets"] = await sender.Send(new ListAssetChoices(tenantId), cancellationToken);
}
