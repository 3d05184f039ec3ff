using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee;

[Requires(Capability.ReadCommittee)]
public sealed class CommitteeController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new GetCommitteeOverview(), cancellationToken));
}
