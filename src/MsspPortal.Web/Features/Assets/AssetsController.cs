using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

[Requires(Capability.ReadBusinessContext)]
[TenantRow(typeof(Asset))]
public sealed class AssetsController(ISender sender, ITenantContext tenant) : Controller
{
    public async Task<IActionResult> Index(string? q, CancellationToken cancellationToken)
    {
        ViewData["Search"] = q;
        return View(await sender.Send(new ListAssets(q), cancellationToken));
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult Create() => View(new CreateAsset { TenantId = tenant.SingleTenantId ?? Guid.Empty });

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateAsset command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Asset {command.Name} created.";
        return RedirectToAction(nameof(Index));
    }

    [Requires(Capability.EditBusinessContext)]
    [HttpGet]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetAssetForEdit(id), cancellationToken) is { } form ? View(form) : NotFound();

    [Requires(Capability.EditBusinessContext)]
    [HttpPost]
    public async Task<IActionResult> Edit(long id, EditAsset command, CancellationToken cancellationToken)
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
        TempData["Flash"] = $"Asset {command.Name} saved.";
        return RedirectToAction(nameof(Index));
    }
}
