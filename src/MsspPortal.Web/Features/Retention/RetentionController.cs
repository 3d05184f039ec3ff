using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Retention;

// A tenant's retention: read by whoever may read detection set-up (and the auditor), changed by MSSP staff, who also
// change ingestion and masking. One tenant per page: the one asked for (?tenantId=) or the one selected.
[Requires(Capability.ReadDetection)]
[Route("Privacy/Retention")]
public sealed class RetentionController(ISender sender, ITenantContext tenant) : Controller
{
    private const string IndexView = "~/Features/Retention/Index.cshtml";

    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? tenantId, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? await sender.Send(new GetRetention(id), cancellationToken) is { } page ? View(IndexView, page) : NotFound()
            : tenantId is null ? View("~/Features/Shared/PickTenant.cshtml") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost(""), ValidateAntiForgeryToken]
    public async Task<IActionResult> Index(SaveRetention command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // The page again, with the form as it was typed and the reasons it was refused.
            return await sender.Send(new GetRetention(command.TenantId), cancellationToken) is { } page
                ? View(IndexView, page with { Form = command })
                : NotFound();
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Retention saved: the nightly job applies it from its next run.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }
}
