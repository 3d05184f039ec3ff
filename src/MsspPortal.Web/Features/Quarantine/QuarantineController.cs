using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Quarantine;

// A log source's quarantined lines, and reprocessing them after a parser fix. Under the source's URLs.
[Requires(Capability.ReadDetection)]
[TenantRow(typeof(LogSource))]
[Route("LogSources")]
public sealed class QuarantineController(ISender sender) : Controller
{
    [Route("Quarantine/{id?}")]
    public async Task<IActionResult> Index(long id, CancellationToken cancellationToken) =>
        await sender.Send(new ListQuarantine(id), cancellationToken) is { } model ? View(model) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost("Reprocess/{id?}")]
    public async Task<IActionResult> Reprocess(long id, CancellationToken cancellationToken)
    {
        if (await sender.Send(new ReprocessQuarantine(id), cancellationToken) is not { } result)
        {
            return NotFound();
        }
        TempData["Flash"] = result.Busy
            ? "A worker is processing this tenant's logs right now; nothing was reprocessed. Try again in a minute."
            : $"{result.Released} line(s) now parse and became events; {result.StillQuarantined} remain quarantined.";
        return RedirectToAction(nameof(Index), new { id });
    }
}
