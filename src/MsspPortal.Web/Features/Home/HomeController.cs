using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Home;

[Requires(Capability.SignedIn)]
public sealed class HomeController(ITenantAccess access) : Controller
{
    // Each kind of person starts where their work is, by what their roles allow.
    public IActionResult Index() =>
        access.Has(Capability.TriageAlerts) ? RedirectToAction("Index", "Alerts")
        : access.Has(Capability.ReadValue) ? RedirectToAction("Index", "Value")
        : View("NoAccess");

    [AllowAnonymous]
    public IActionResult Error() => View();

    // The page behind a bare 403 or 404 of a page route (re-executed by the status-code middleware).
    [AllowAnonymous]
    public IActionResult Status(int code)
    {
        var denied = HttpContext.Items[CapabilityHandler.DeniedItem] as Capability?;
        Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        return View(new StatusPage(Response.StatusCode, denied, denied is { } p ? RoleCapabilities.RolesWith(p) : []));
    }
}

public sealed record StatusPage(int Code, Capability? DeniedPermission, IReadOnlyList<Domain.PortalRole> RolesAllowed);
