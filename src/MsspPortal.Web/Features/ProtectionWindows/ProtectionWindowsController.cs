using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.ProtectionWindows;

[Requires(Capability.ReadBusinessContext)]
public sealed class ProtectionWindowsController(ISender sender, ITenantContext tenant, TimeProvider clock) : Controller
{
    public async Task<IActionResult> Index(Guid? tenantId, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(await sender.Send(new ListProtectionWindows(id), cancellationToken))
            : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult Create(Guid? tenantId)
    {
        var now = clock.GetUtcNow();
        return TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(new CreateProtectionWindow { TenantId = id, StartsAt = now, EndsAt = now.AddDays(7) })
            : tenantId is null ? View("PickTenant") : NotFound();
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateProtectionWindow command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Protection window {command.Name} created.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }
}
