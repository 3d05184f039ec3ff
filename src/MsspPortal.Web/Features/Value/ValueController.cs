using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Value;

[Requires(Capability.ReadValue)]
public sealed class ValueController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new GetValueOverview(), cancellationToken));

    public async Task<IActionResult> Reports(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListMonthlySummaries(), cancellationToken));
}
