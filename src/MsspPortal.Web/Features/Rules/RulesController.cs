using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Rules;

[Requires(Capability.ReadDetection)]
[TenantRow(typeof(TenantRule))]
public sealed class RulesController(ISender sender, ITenantContext tenant) : Controller
{
    public async Task<IActionResult> Index(Guid? tenantId, CancellationToken cancellationToken) =>
        TenantPick.Resolve(tenant, tenantId) is { } id
            ? View(await sender.Send(new ListRules(id), cancellationToken))
            : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Toggle(ToggleRule command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Rule {command.RuleId} {(command.Enabled ? "enabled" : "disabled")}.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Tune(TuneRule command, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(command.TenantId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            // Shown again with the entered values and the reasons, so nothing typed is lost.
            var list = await sender.Send(new ListRules(command.TenantId), cancellationToken);
            return View(nameof(Index), list with { Tuning = command });
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Rule {command.RuleId}: threshold {command.ThresholdOverride?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, window {(command.WindowSecondsOverride is { } s ? $"{s} s" : "default")}.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult Create(Guid? tenantId) =>
        TenantPick.Resolve(tenant, tenantId) is { } id ? View(new CreateRule { TenantId = id }) : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateRule command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Rule {command.Title} created.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetRuleForEdit(id), cancellationToken) is { } form ? View(form) : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Edit(long id, EditRule command, CancellationToken cancellationToken)
    {
        command = command with { Id = id };
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Rule {command.Title} saved.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ManageDetection)]
    [HttpGet]
    public IActionResult Import(Guid? tenantId) =>
        TenantPick.Resolve(tenant, tenantId) is { } id ? View(new ImportSigmaRule { TenantId = id }) : tenantId is null ? View("PickTenant") : NotFound();

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Import(ImportSigmaRule command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = "Sigma rule imported.";
        return RedirectToAction(nameof(Index), new { tenantId = command.TenantId });
    }

    [Requires(Capability.ManageDetection)]
    [HttpPost]
    public async Task<IActionResult> Test(TestRule query, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }
        return await sender.Send(query, cancellationToken) is { } result ? View("TestResult", result) : NotFound();
    }
}
