using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Compliance.Breaches;

// The personal-data breach register (/Breaches), its CSV, the flag form (/Breaches/Flag?incidentId=) and one breach's
// page (/Breaches/{id}) with its clocks. Reading is ReadAlerts' (the committee and the business owner see the clocks);
// recording is TriageAlerts', which narrows the scope to the tenants the caller triages. {id} rows are checked by TenantRow.
[Requires(Capability.ReadAlerts)]
[TenantRow(typeof(PersonalDataBreach))]
[Route("Breaches")]
public sealed class BreachesController(ISender sender) : Controller
{
    private const string Views = "~/Features/Compliance/Breaches/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(Views + "Index.cshtml", await sender.Send(new ListBreaches(), cancellationToken));

    [HttpGet("Csv")]
    public async Task<IActionResult> Csv(CancellationToken cancellationToken) =>
        File(Encoding.UTF8.GetBytes(await sender.Send(new ExportBreaches(), cancellationToken)), "text/csv", "breach-register.csv");

    [HttpGet("{id}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetBreach(id), cancellationToken) is { } breach ? View(Views + "Details.cshtml", breach) : NotFound();

    [Requires(Capability.TriageAlerts)]
    [HttpGet("Flag")]
    public async Task<IActionResult> Flag(long? incidentId, CancellationToken cancellationToken)
    {
        if (incidentId is not { } incident || await sender.Send(new GetFlagForm(incident), cancellationToken) is not { } page)
        {
            return NotFound();
        }
        return page.ExistingBreachId is { } existing ? RedirectToAction(nameof(Details), new { id = existing }) : View(Views + "Flag.cshtml", page);
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost("Flag")]
    public async Task<IActionResult> Flag(FlagBreach command, CancellationToken cancellationToken)
    {
        if (await sender.Send(new GetFlagForm(command.IncidentId), cancellationToken) is not { } page)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Flash"] = "Breach flagged: it is in the register and its clocks run.";
                return RedirectToAction(nameof(Details), new { id = result.BreachId });
            }
            ModelState.AddModelError(result.Field ?? "", result.Error!);
        }
        // The form again, as typed, with the reasons.
        return View(Views + "Flag.cshtml", page with { Form = command });
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost("{id}/Notice")]
    public async Task<IActionResult> Notice(long id, RecordTenantNotice command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        return await SendAsync(id, command, "Recorded.", page => page with { NoticeForm = command }, cancellationToken);
    }

    [Requires(Capability.TriageAlerts)]
    [HttpPost("{id}/Notification")]
    public async Task<IActionResult> Notification(long id, RecordBreachNotification command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        return await SendAsync(id, command, "Notification recorded.", page => page with { NotificationForm = command }, cancellationToken);
    }

    private async Task<IActionResult> SendAsync(long id, ICommand<BreachChange> command, string done, Func<BreachDetailsViewModel, BreachDetailsViewModel> refused,
        CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Flash"] = done;
                return RedirectToAction(nameof(Details), new { id });
            }
            ModelState.AddModelError(result.Field ?? "", result.Error!);
        }
        return await sender.Send(new GetBreach(id), cancellationToken) is { } page ? View(Views + "Details.cshtml", refused(page)) : NotFound();
    }
}
