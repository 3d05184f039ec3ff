using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Coverage;

[Requires(Capability.ReadDetection)]
public sealed class CoverageController(ISender sender, ITenantContext tenant) : Controller
{
    public async Task<IActionResult> Index(Guid? tenantId, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(await sender.Send(new GetCoverage(id), cancellationToken))
            : tenantId is null ? View("PickTenant") : NotFound();
}
