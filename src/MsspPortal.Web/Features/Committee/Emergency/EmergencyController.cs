using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// Emergency activations of the joint committee: the list with its measures and the "Activate the committee" button,
// the session page (/Emergency/{id}) and its steps. Pages are acknowledged here and from the layout's banner.
[Requires(Capability.ReadCommittee)]
[Route("Emergency")]
public sealed class EmergencyController(ISender sender, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Committee/Emergency/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(Views + "Index.cshtml", await ListAsync(cancellationToken));

    [HttpPost("Activate"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee)]
    public async Task<IActionResult> Activate(ActivateCommittee command, CancellationToken cancellationToken)
    {
        if (!access.Has(Capability.ActOnCommittee, command.TenantId))
        {
            return NotFound();
        }
        var error = ModelState.IsValid ? null : Errors();
        if (error is null)
        {
            var result = await sender.Send(command, cancellationToken);
            if (result.IsNotFound)
            {
                return NotFound();
            }
            if (result.Error is null)
            {
                TempData["Flash"] = "The committee is activated: the named members of both sides are paged.";
                return Redirect($"/Emergency/{result.ActivationId}");
            }
            error = result.Error;
        }
        return View(Views + "Index.cshtml", await ListAsync(cancellationToken) with { Form = command, Error = error });
    }

    [HttpGet("{id}"), TenantRow(typeof(EmergencyActivation))]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, new ActivationForm(), cancellationToken) is { } model ? View(Views + "Details.cshtml", model) : NotFound();

    [HttpPost("{id}/Acknowledge"), ValidateAntiForgeryToken, Requires(Capability.AcknowledgeCommittee), TenantRow(typeof(EmergencyActivation))]
    public async Task<IActionResult> Acknowledge(long id, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new AcknowledgePages(id), cancellationToken);
        if (result.IsNotFound)
        {
            return NotFound();
        }
        TempData[result.Error is null ? "Flash" : "Error"] = result.Error ?? "Acknowledged: the committee sees you are on your way.";
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : Redirect($"/Emergency/{id}");
    }

    [HttpPost("{id}/Update"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Update(long id, AddStatusUpdate command, CancellationToken cancellationToken) =>
        StepAsync(id, command with { Id = id }, new ActivationForm { UpdateText = command.Text }, "Status update recorded.", cancellationToken);

    [HttpPost("{id}/Decide"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Decide(long id, RecordEmergencyDecision command, CancellationToken cancellationToken) =>
        StepAsync(id, command with { Id = id }, new ActivationForm { DecisionText = command.Text, DeciderId = command.DeciderId },
            "Decision recorded, and written on the incident's timeline.", cancellationToken);

    [HttpPost("{id}/Open"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Open(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new ChangeActivationState(id, ActivationStep.OpenSession), new ActivationForm(), "The session is open.", cancellationToken);

    [HttpPost("{id}/Stable"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Stable(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new ChangeActivationState(id, ActivationStep.Stable), new ActivationForm(),
            $"Stable. The post-incident review is due within {EmergencyActivation.ReviewDueDays} days.", cancellationToken);

    [HttpPost("{id}/Review"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Review(long id, RecordActivationReview command, CancellationToken cancellationToken) =>
        StepAsync(id, command with { Id = id }, new ActivationForm { ReviewSummary = command.Summary }, "Review recorded.", cancellationToken);

    [HttpPost("{id}/FollowUp"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> FollowUp(long id, AddActivationFollowUp command, CancellationToken cancellationToken) =>
        StepAsync(id, command with { Id = id }, new ActivationForm { FollowUpTitle = command.Title, FollowUpOwnerId = command.OwnerId, FollowUpDueOn = command.DueOn },
            "Follow-up raised as an action item.", cancellationToken);

    [HttpPost("{id}/Close"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Close(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new ChangeActivationState(id, ActivationStep.Close), new ActivationForm(), "The record is closed.", cancellationToken);

    [HttpPost("{id}/Cancel"), ValidateAntiForgeryToken, Requires(Capability.ActOnCommittee), TenantRow(typeof(EmergencyActivation))]
    public Task<IActionResult> Cancel(long id, CancellationToken cancellationToken) =>
        StepAsync(id, new ChangeActivationState(id, ActivationStep.Cancel), new ActivationForm(), "The activation is called off.", cancellationToken);

    // A step: validated (ModelState, filled by the validation filter), sent, then back to the session page; a
    // rejected form is shown again on it with its input and the reason.
    private async Task<IActionResult> StepAsync(long id, ICommand<ActivationChange> command, ActivationForm input, string done, CancellationToken cancellationToken)
    {
        string? error;
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (result.IsNotFound)
            {
                return NotFound();
            }
            if (result.Error is null)
            {
                TempData["Flash"] = done;
                return Redirect($"/Emergency/{id}");
            }
            error = result.Error;
        }
        else
        {
            error = Errors();
        }
        return await LoadAsync(id, input with { Error = error }, cancellationToken) is { } model ? View(Views + "Details.cshtml", model) : NotFound();
    }

    private async Task<ActivationViewModel?> LoadAsync(long id, ActivationForm form, CancellationToken cancellationToken) =>
        await sender.Send(new GetActivation(id), cancellationToken) is { } model
            ? model with
            {
                Form = form,
                CanAct = access.Has(Capability.ActOnCommittee, model.TenantId),
                CanAcknowledge = model.MyPagesOpen && access.Has(Capability.AcknowledgeCommittee, model.TenantId),
                CanClose = model.CanClose && access.Has(Capability.ActOnCommittee, model.TenantId),
            }
            : null;

    private Task<ActivationListViewModel> ListAsync(CancellationToken cancellationToken) =>
        sender.Send(new ListActivations(access.IsPlatformAdmin ? null : access.TenantsWith(Capability.ActOnCommittee)), cancellationToken).AsTask();

    private string Errors() => string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
}
