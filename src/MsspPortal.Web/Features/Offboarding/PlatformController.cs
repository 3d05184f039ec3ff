using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Offboarding;

// Platform-level records (tenant deletions), which outlive the tenants they name: platform admins only.
[Requires(Capability.AdministerPlatform)]
public sealed class PlatformController(ISender sender) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Audit(CancellationToken cancellationToken) =>
        View("~/Features/Offboarding/PlatformAudit.cshtml", await sender.Send(new ListPlatformAuditRecords(), cancellationToken));
}
