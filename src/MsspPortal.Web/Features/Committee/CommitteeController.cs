using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee;

// The committee's home per tenant (/Committee?tenant=slug; a customer user's own tenant without one) and its forms:
// seats, the weekly sync, the responsibility matrix and the shared goals. Reading is every role's; changing is
// ActOnCommittee's. Views live beside this file.
[Requires(Capability.ReadCommittee)]
public sealed class CommitteeController(ISender sender, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Committee/";

    public async Task<IActionResult> Index(string? tenant, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found)
        {
            return Pick(scope);
        }
        var model = await sender.Send(new GetCommitteeOverview(scope.Tenant!), cancellationToken);
        if (model is null)
        {
            return View(Views + "NoCommittee.cshtml", scope.Tenant);
        }
        return View(Views + "Index.cshtml", model with { CanAct = access.Has(Capability.ActOnCommittee, scope.Tenant!.Id) });
    }

    // ---- Members

    [Requires(Capability.ActOnCommittee)]
    [HttpGet]
    public Task<IActionResult> AppointMember(string? tenant, CancellationToken cancellationToken) =>
        FormAsync(tenant, null, s => new SaveCommitteeMember { TenantId = s.Id }, "Member.cshtml", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [HttpPost]
    public Task<IActionResult> AppointMember(SaveCommitteeMember command, CancellationToken cancellationToken) =>
        SaveAsync(command with { Id = null }, command.TenantId, "Member.cshtml", "Member appointed.", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeMember))]
    [HttpGet]
    public async Task<IActionResult> EditMember(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetMemberForm(id), cancellationToken) is { } form
            ? await FormAsync(null, form.TenantId, _ => form, "Member.cshtml", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeMember))]
    [HttpPost]
    public async Task<IActionResult> EditMember(long id, SaveCommitteeMember command, CancellationToken cancellationToken) =>
        await sender.Send(new GetMemberForm(id), cancellationToken) is { } saved
            ? await SaveAsync(command with { Id = id, TenantId = saved.TenantId }, saved.TenantId, "Member.cshtml", "Member saved.", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeMember))]
    [HttpPost]
    public async Task<IActionResult> RetireMember(long id, CancellationToken cancellationToken)
    {
        var form = await sender.Send(new GetMemberForm(id), cancellationToken);
        var result = await sender.Send(new RetireCommitteeMember(id), cancellationToken);
        return form is null || !result.Found ? NotFound() : await BackToCommitteeAsync(form.TenantId, result, $"{form.Name} has left the committee.", cancellationToken);
    }

    // ---- Weekly sync and responsibility matrix

    [Requires(Capability.ActOnCommittee)]
    [HttpGet]
    public async Task<IActionResult> Schedule(string? tenant, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found || await sender.Send(new GetCommitteeOverview(scope.Tenant!), cancellationToken) is not { } committee)
        {
            return scope.Result == CommitteeScope.Outcome.Found ? NotFound() : Pick(scope);
        }
        var command = new EditSyncSchedule { TenantId = scope.Tenant!.Id, SyncDay = committee.SyncDay ?? DayOfWeek.Tuesday, SyncTime = committee.SyncTime, SyncMinutes = committee.SyncMinutes };
        return Form(scope, command, "Schedule.cshtml", null);
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost]
    public Task<IActionResult> Schedule(EditSyncSchedule command, CancellationToken cancellationToken) =>
        SaveAsync(command, command.TenantId, "Schedule.cshtml", "Weekly sync rescheduled.", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [HttpGet]
    public async Task<IActionResult> Raci(string? tenant, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(tenant), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found || await sender.Send(new GetCommitteeOverview(scope.Tenant!), cancellationToken) is not { } committee)
        {
            return scope.Result == CommitteeScope.Outcome.Found ? NotFound() : Pick(scope);
        }
        var cells = committee.Matrix.Select(c => new MatrixCell { MemberId = c.MemberId, Area = c.Area, Raci = c.Raci }).ToList();
        return Form(scope, new SetResponsibilityMatrix { TenantId = scope.Tenant!.Id, Cells = cells }, "Raci.cshtml", null);
    }

    [Requires(Capability.ActOnCommittee)]
    [HttpPost]
    public Task<IActionResult> Raci(SetResponsibilityMatrix command, CancellationToken cancellationToken) =>
        SaveAsync(command, command.TenantId, "Raci.cshtml", "Responsibility matrix saved.", cancellationToken);

    // ---- Goals

    [Requires(Capability.ActOnCommittee)]
    [HttpGet]
    public Task<IActionResult> AddGoal(string? tenant, CancellationToken cancellationToken) =>
        FormAsync(tenant, null, s => new SaveCommitteeGoal { TenantId = s.Id }, "Goal.cshtml", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [HttpPost]
    public Task<IActionResult> AddGoal(SaveCommitteeGoal command, CancellationToken cancellationToken) =>
        SaveAsync(command with { Id = null }, command.TenantId, "Goal.cshtml", "Goal added.", cancellationToken);

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpGet]
    public async Task<IActionResult> EditGoal(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } form
            ? await FormAsync(null, form.TenantId, _ => form, "Goal.cshtml", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpPost]
    public async Task<IActionResult> EditGoal(long id, SaveCommitteeGoal command, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } saved
            ? await SaveAsync(command with { Id = id, TenantId = saved.TenantId }, saved.TenantId, "Goal.cshtml", "Goal saved.", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpPost]
    public async Task<IActionResult> RetireGoal(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } goal
            ? await BackToCommitteeAsync(goal.TenantId, await sender.Send(new RetireCommitteeGoal(id), cancellationToken), $"Goal \"{goal.Title}\" retired.", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpPost]
    public async Task<IActionResult> MeasureGoal(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } goal
            ? await BackToCommitteeAsync(goal.TenantId, await sender.Send(new MeasureGoal(id), cancellationToken), $"Goal \"{goal.Title}\" measured.", cancellationToken)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpGet]
    public async Task<IActionResult> RecordGoal(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } goal
            ? await FormAsync(null, goal.TenantId, _ => new RecordGoalMeasurement { Id = id }, "RecordGoal.cshtml", cancellationToken, goal.Title)
            : NotFound();

    [Requires(Capability.ActOnCommittee)]
    [TenantRow(typeof(CommitteeGoal))]
    [HttpPost]
    public async Task<IActionResult> RecordGoal(long id, RecordGoalMeasurement command, CancellationToken cancellationToken) =>
        await sender.Send(new GetGoalForm(id), cancellationToken) is { } goal
            ? await SaveAsync(command with { Id = id }, goal.TenantId, "RecordGoal.cshtml", $"Measured value of \"{goal.Title}\" recorded.", cancellationToken, goal.Title)
            : NotFound();

    // ---- Helpers

    private IActionResult Pick(CommitteeScope scope) =>
        scope.Result == CommitteeScope.Outcome.ChooseTenant ? View(Views + "ChooseTenant.cshtml", scope.Choices) : NotFound();

    private async Task<IActionResult> FormAsync<T>(string? tenant, Guid? tenantId, Func<CommitteeTenant, T> command, string view, CancellationToken cancellationToken,
        string? heading = null)
    {
        var scope = await sender.Send(new FindCommittee(tenant, tenantId), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found)
        {
            return Pick(scope);
        }
        return scope.CommitteeId == 0 ? NotFound() : Form(scope, command(scope.Tenant!), view, heading);
    }

    // Sends a form's command; a refused form is shown again with what was typed and why.
    private async Task<IActionResult> SaveAsync<T>(T command, Guid tenantId, string view, string done, CancellationToken cancellationToken, string? heading = null)
        where T : ICommand<CommitteeChange>
    {
        var scope = await sender.Send(new FindCommittee(null, tenantId), cancellationToken);
        if (scope.Result != CommitteeScope.Outcome.Found || scope.CommitteeId == 0)
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
                TempData["Flash"] = done;
                return Redirect(CommitteeUrl(scope.Tenant!));
            }
            ModelState.AddModelError(result.Field ?? "", result.Error!);
        }
        return Form(scope, command, view, heading);
    }

    // A form's model is its command (so field names and validation keys are the command's own); the tenant, the
    // committee's members for the pickers and a heading ride along in ViewData.
    private ViewResult Form<T>(CommitteeScope scope, T command, string view, string? heading)
    {
        ViewData["Tenant"] = scope.Tenant;
        ViewData["Members"] = scope.Members;
        ViewData["Heading"] = heading;
        return View(Views + view, command);
    }

    private async Task<IActionResult> BackToCommitteeAsync(Guid tenantId, CommitteeChange result, string done, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new FindCommittee(null, tenantId), cancellationToken);
        if (!result.Found || scope.Tenant is null)
        {
            return NotFound();
        }
        TempData[result.Succeeded ? "Flash" : "Error"] = result.Succeeded ? done : result.Error;
        return Redirect(CommitteeUrl(scope.Tenant));
    }

    private static string CommitteeUrl(CommitteeTenant tenant) => "/Committee?tenant=" + Uri.EscapeDataString(tenant.Slug);
}
