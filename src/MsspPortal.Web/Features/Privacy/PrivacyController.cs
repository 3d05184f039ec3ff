using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Privacy;

// A tenant's masking rules: read by whoever may read detection set-up (and the auditor), changed by MSSP staff.
// Pages work on one tenant: the one asked for (?tenantId=) or the one selected; another tenant's id is answered 404.
[Requires(Capability.ReadDetection)]
[Route("Privacy")]
public sealed class PrivacyController(ISender sender, ITenantContext tenant) : Controller
{
    [HttpGet("Masking")]
    public async Task<IActionResult> Masking(Guid? tenantId, string? sample, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? await sender.Send(new GetMasking(id, sample), cancellationToken) is { } page ? View(page) : NotFound()
            : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("Masking"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Masking(SaveMasking command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // The page again, with the form as it was typed.
            return await sender.Send(new GetMasking(command.TenantId), cancellationToken) is { } page ? View(page with { Form = command }) : NotFound();
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Masking rules saved: they apply to every batch received from now on.";
        return RedirectToAction(nameof(Masking), new { tenantId = command.TenantId });
    }
}
