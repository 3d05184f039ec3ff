using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Soc;

[Requires(Capability.ReadAlerts)]
public sealed class SocController(ISender sender) : Controller
{
    // /Soc?from=2026-11-01&to=2026-11-30&tenant=harbor-bank
    public async Task<IActionResult> Index(DateOnly? from, DateOnly? to, string? tenant, CancellationToken cancellationToken) =>
        View(await sender.Send(new GetSocMetrics(from, to, string.IsNullOrWhiteSpace(tenant) ? null : tenant.Trim()), cancellationToken));
}
