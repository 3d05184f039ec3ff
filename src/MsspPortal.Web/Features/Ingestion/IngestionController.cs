using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Ingestion;

/// <summary>Platform-wide ingestion views: unknown senders belong to no tenant, so only platform admins see them.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public sealed class IngestionController(ISender sender) : Controller
{
    public async Task<IActionResult> UnknownSenders(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListUnknownSyslogSenders(), cancellationToken));
}
