using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// The quarterly retrospectives: the list per tenant, one retrospective (HTML and PDF), and its steps: assembled and
// annotated by the committee, signed by a chair or decision-maker of each side, followed up with action items.
[Requires(Capability.ReadCommittee)]
[TenantRow(typeof(Retrospective))]
[Route("Retrospectives")]
public sealed class RetrospectivesController(ISender sender, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Committee/Retrospectives/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var model = await sender.Send(new ListRetrospectives(), cancellationToken);
        ViewData["Assemblable"] = model.Tenants.Where(t => access.Has(Capability.ActOnCommittee, t.TenantId)).ToList();
        return View(Views + "Index.cshtml", model);
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } retro ? View(Views + "Details.cshtml", retro) : NotFound();

    [HttpGet("{id}/Pdf")]
    public async Task<IActionResult> Pdf(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } retro ? File(RetrospectivePdf.Write(retro), "application/pdf", retro.FileName) : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("Assemble"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Assemble(AssembleRetrospective command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Error"] = Errors();
            return RedirectToAction(nameof(Index));
        }
        var result = await sender.Send(command, cancellationToken);
        if (result.RetrospectiveId is null && result.Error is not null)
        {
            TempData["Error"] = result.Error;
            return RedirectToAction(nameof(Index));
        }
        return Done(result);
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("{id}/Reassemble"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reassemble(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRetrospective(id), cancellationToken) is { } retro
            ? Done(await sender.Send(new AssembleRetrospective(retro.TenantId, retro.Year, retro.Quarter), cancellationToken))
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("{id}/Annotate"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Annotate(long id, AnnotateRetrospective command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // The form keeps what was typed and says why it was refused.
            var retro = await LoadAsync(id, cancellationToken);
            if (retro is null)
            {
                return NotFound();
            }
            ViewData["Error"] = Errors();
            return View(Views + "Details.cshtml", retro with { Lessons = command.Lessons, StrategyChanges = command.StrategyChanges });
        }
        return Done(await sender.Send(command with { Id = id }, cancellationToken));
    }

    // A signer's own seat decides; the handler checks it (chair or decision authority, linked account).
    [Requires(Capability.AcknowledgeCommittee)]
    [HttpPost("{id}/Sign"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Sign(long id, CancellationToken cancellationToken) =>
        Done(await sender.Send(new SignRetrospective(id), cancellationToken));

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("{id}/ActionItem"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ActionItem(long id, RaiseRetrospectiveActionItem command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Error"] = Errors();
            return RedirectToAction(nameof(Details), new { id });
        }
        return Done(await sender.Send(command with { Id = id }, cancellationToken));
    }

    private async Task<RetrospectiveViewModel?> LoadAsync(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRetrospective(id), cancellationToken) is { } retro
            ? retro with
            {
                CanAct = access.Has(Capability.ActOnCommittee, retro.TenantId),
                CanSign = access.Has(Capability.AcknowledgeCommittee, retro.TenantId),
            }
            : null;

    private string Errors() => string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));

    private IActionResult Done(RetrospectiveChange result)
    {
        if (result.RetrospectiveId is not { } retroId)
        {
            return NotFound();
        }
        if (result.Error is not null)
        {
            TempData["Error"] = result.Error;
        }
        else if (result.Done is not null)
        {
            TempData["Flash"] = result.Done;
        }
        return RedirectToAction(nameof(Details), new { id = retroId });
    }
}
