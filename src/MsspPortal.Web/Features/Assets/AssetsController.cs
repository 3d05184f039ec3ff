using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

// Assets and the business services they support (one feature: an asset is edited with its service). The
// TenantRowAttribute sits on each action because the id names an asset or a service.
[Requires(Capability.ReadBusinessContext)]
public sealed class AssetsController(ISender sender, ITenantContext tenant) : Controller
{
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        ViewData["Search"] = q;
        return View(await sender.Send(new ListAssets(q), cancellationToken));
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        await LoadServicesAsync(null, cancellationToken);
        return View(new CreateAsset { TenantId = tenant.SingleTenantId ?? Guid.Empty });
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateAsset command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadServicesAsync(null, cancellationToken);
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Asset {command.Name} created.";
        return RedirectToAction(nameof(Index));
    }

    [Requires(Capability.EditBusinessContext)]
    [HttpGet, TenantRow(typeof(Asset))]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetAssetForEdit(id), cancellationToken) is not { } form)
        {
            return NotFound();
        }
        await LoadServicesAsync(form.TenantId, cancellationToken);
        return View(form);
    }

    [Requires(Capability.EditBusinessContext)]
    [HttpPost, TenantRow(typeof(Asset))]
    public async Task<IActionResult> Edit(long id, EditAsset command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (!ModelState.IsValid)
        {
            await LoadServicesAsync(command.TenantId == Guid.Empty ? null : command.TenantId, cancellationToken);
            return View(command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Asset {command.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    public async Task<IActionResult> Services(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListBusinessServices(), cancellationToken));

    [Requires(Capability.EditBusinessContext)]
    [HttpGet]
    public IActionResult CreateService() => View(new CreateBusinessService { TenantId = tenant.SingleTenantId ?? Guid.Empty });

    [Requires(Capability.EditBusinessContext)]
    [HttpPost]
    public async Task<IActionResult> CreateService(CreateBusinessService command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Business service {command.Name} created.";
        return RedirectToAction(nameof(Services));
    }

    [Requires(Capability.EditBusinessContext)]
    [HttpGet, TenantRow(typeof(BusinessService))]
    public async Task<IActionResult> EditService(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetBusinessServiceForEdit(id), cancellationToken) is { } form ? View(form) : NotFound();

    [Requires(Capability.EditBusinessContext)]
    [HttpPost, TenantRow(typeof(BusinessService))]
    public async Task<IActionResult> EditService(long id, EditBusinessService command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Business service {command.Name} saved.";
        return RedirectToAction(nameof(Services));
    }

    private async Task LoadServicesAsync(Guid? tenantId, CancellationToken cancellationToken) =>
        ViewData["Services"] = await sender.Send(new ListBusinessServiceChoices(tenantId), cancellationToken);
}
