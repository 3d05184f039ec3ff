using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

// The value model's inputs, per tenant: the business profile with its baseline, the assumption set's versions, and
// the figures the tenant reports. Pages work on one tenant: the one asked for (?tenantId=) or the one selected. A
// form naming a tenant out of scope is answered 404, as a row of another tenant would be.
[Requires(Capability.ReadValue)]
[Route("Value")]
public sealed class ValueProfileController(ISender sender, ITenantContext tenant) : Controller
{
    [HttpGet("Profile")]
    public async Task<IActionResult> Profile(Guid? tenantId, CancellationToken cancellationToken) =>
        await OneTenantAsync(tenantId, id => sender.Send(new GetBusinessProfile(id), cancellationToken).AsTask());

    [Requires(Capability.EditBusinessContext)]
    [HttpGet("Profile/Edit")]
    public async Task<IActionResult> EditProfile(Guid? tenantId, CancellationToken cancellationToken) =>
        await OneTenantAsync(tenantId, async id => await MoneyAsync(id, cancellationToken) ? await sender.Send(new GetBusinessProfileForEdit(id), cancellationToken) : null);

    [Requires(Capability.EditBusinessContext)]
    [HttpPost("Profile/Edit"), ValidateAntiForgeryToken]
    public async Task<IActionResult> EditProfile(EditBusinessProfile command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            await MoneyAsync(command.TenantId, cancellationToken);
            return Page(nameof(EditProfile), command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Business profile saved.";
        return RedirectToAction(nameof(Profile), new { tenantId = command.TenantId });
    }

    [HttpGet("Assumptions")]
    public async Task<IActionResult> Assumptions(Guid? tenantId, int? version, CancellationToken cancellationToken) =>
        await OneTenantAsync(tenantId, id => sender.Send(new GetAssumptions(id, version), cancellationToken).AsTask());

    [Requires(Capability.EditBusinessContext)]
    [HttpPost("Assumptions/Adopt"), ValidateAntiForgeryToken]
    public async Task<IActionResult> AdoptDefaults(AdoptDefaultAssumptions command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId) || await sender.Send(command, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        TempData["Flash"] = $"Version {version} in force.";
        return RedirectToAction(nameof(Assumptions), new { tenantId = command.TenantId });
    }

    [Requires(Capability.EditBusinessContext)]
    [HttpGet("Assumptions/Revise")]
    public async Task<IActionResult> ReviseAssumption(Guid? tenantId, string? key, CancellationToken cancellationToken) =>
        await OneTenantAsync(tenantId, id => sender.Send(new GetAssumptionForRevision(id, key ?? ""), cancellationToken).AsTask());

    [Requires(Capability.EditBusinessContext)]
    [HttpPost("Assumptions/Revise"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ReviseAssumption(ReviseAssumption command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page(nameof(ReviseAssumption), command);
        }
        if (await sender.Send(command, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        TempData["Flash"] = $"Version {version} saved: {command.Label ?? command.Key} awaits the committee's approval.";
        return RedirectToAction(nameof(Assumptions), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost("Assumptions/Approve"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ApproveAssumptions(ApproveAssumptions command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // The page again, with the reason above the table.
            return await sender.Send(new GetAssumptions(command.TenantId), cancellationToken) is { } page ? Page(nameof(Assumptions), page) : NotFound();
        }
        if (await sender.Send(command, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        TempData["Flash"] = $"Approved: version {version} is in force.";
        return RedirectToAction(nameof(Assumptions), new { tenantId = command.TenantId });
    }

    [HttpGet("Figures")]
    public async Task<IActionResult> Figures(Guid? tenantId, string? month, CancellationToken cancellationToken) =>
        await OneTenantAsync(tenantId, id => sender.Send(new ListReportedFigures(id, month), cancellationToken).AsTask());

    [Requires(Capability.EditBusinessContext)]
    [HttpPost("Figures"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Figures(ReportFigures command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // The list again, with the form as it was typed.
            return await sender.Send(new ListReportedFigures(command.TenantId), cancellationToken) is { } page ? Page(nameof(Figures), page with { Form = command }) : NotFound();
        }
        if (await sender.Send(command, cancellationToken) is not { } count)
        {
            return NotFound();
        }
        TempData["Flash"] = $"{count} figure(s) for {command.Month} saved.";
        return RedirectToAction(nameof(Figures), new { tenantId = command.TenantId });
    }

    private async Task<bool> MoneyAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var money = await sender.Send(new GetTenantMoney(tenantId), cancellationToken);
        ViewData["Money"] = money;
        return money is not null;
    }

    // Views sit beside this controller in a subfolder of the Value feature, which the feature-folder view locations
    // ({controller}/{view}) do not reach: they are named by path.
    private ViewResult Page(string name, object model) => View($"/Features/Value/Profile/{name}.cshtml", model);

    private async Task<IActionResult> OneTenantAsync<T>(Guid? tenantId, Func<Guid, Task<T?>> load, [System.Runtime.CompilerServices.CallerMemberName] string action = "")
        where T : class =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? await load(id) is { } model ? Page(action, model) : NotFound()
            : tenantId is null ? View("PickTenant") : NotFound();
}
