using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Users;

// People and their tenant memberships: platform admins only.
[Requires(Capability.AdministerPlatform)]
public sealed class UsersController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListUsers(), cancellationToken));

    [HttpGet]
    public IActionResult Create() => View(new CreateUser());

    [HttpPost]
    public async Task<IActionResult> Create(CreateUser command, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await sender.Send(command, cancellationToken);
            if (result.UserId is not null)
            {
                TempData["Flash"] = $"User {command.Email} created.";
                return RedirectToAction(nameof(Index));
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(CreateUser.Password), error);
            }
        }
        return View(command with { Password = "" });
    }

    [HttpGet]
    public async Task<IActionResult> Grant(string? userId, CancellationToken cancellationToken)
    {
        ViewData["Users"] = await sender.Send(new ListUserChoices(), cancellationToken);
        return View(new GrantMembership { UserId = userId ?? "" });
    }

    [HttpPost]
    public async Task<IActionResult> Grant(GrantMembership command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            ViewData["Users"] = await sender.Send(new ListUserChoices(), cancellationToken);
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = "Membership granted.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    [TenantRow(typeof(TenantMembership))]
    public async Task<IActionResult> EditMembership(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetMembershipForEdit(id), cancellationToken) is { } form ? View(form) : NotFound();

    [HttpPost]
    [TenantRow(typeof(TenantMembership))]
    public async Task<IActionResult> EditMembership(long id, EditMembership command, CancellationToken cancellationToken)
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
        TempData["Flash"] = "Membership saved.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost]
    [TenantRow(typeof(TenantMembership))]
    public async Task<IActionResult> Revoke(long id, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new RevokeMembership(id), cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Membership revoked.";
        return RedirectToAction(nameof(Index));
    }
}
