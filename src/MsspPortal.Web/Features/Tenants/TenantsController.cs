using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Tenants;

[Requires(Capability.SignedIn)]
[TenantRow(typeof(Tenant))]
public sealed class TenantsController(ISender sender) : Controller
{
    [Requires(Capability.ReadDetection)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await sender.Send(new ListTenants(), cancellationToken));

    [Requires(Capability.AdministerPlatform)]
    [HttpGet]
    public IActionResult Create() => View(new CreateTenant());

    [Requires(Capability.AdministerPlatform)]
    [HttpPost]
    public async Task<IActionResult> Create(CreateTenant command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }
        await sender.Send(command, cancellationToken);
        TempData["Flash"] = $"Tenant {command.Name} created.";
        return RedirectToAction(nameof(Index));
    }

    [Requires(Capability.AdministerPlatform)]
    [HttpGet]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken) =>
        await sender.Send(new GetTenantForEdit(id), cancellationToken) is { } form ? View(form) : NotFound();

    [Requires(Capability.AdministerPlatform)]
    [HttpPost]
    public async Task<IActionResult> Edit(Guid id, EditTenant command, CancellationToken cancellationToken)
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
        TempData["Flash"] = $"Tenant {command.Name} saved.";
        return RedirectToAction(nameof(Index));
    }

    // The tenant switcher: narrows the staff member's scope to one tenant, or back to all of theirs.
    [Requires(Capability.SignedIn)]
    [HttpPost]
    public IActionResult Switch(Guid? tenantId, string? returnUrl, bool tenantInUrl, [FromServices] ITenantContext tenant)
    {
        if (tenantInUrl && Url.IsLocalUrl(returnUrl))
        {
            returnUrl = WithTenantInUrl(returnUrl, tenant.Selectable.FirstOrDefault(c => c.Id == tenantId)?.Slug);
        }
        if (tenantId is { } id && tenant.Selectable.Any(c => c.Id == id))
        {
            Response.Cookies.Append(TenantScopeMiddleware.SelectionCookie, id.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                Secure = Request.IsHttps,
            });
        }
        else
        {
            Response.Cookies.Delete(TenantScopeMiddleware.SelectionCookie);
        }
        // Back to the page the switch was made on (no Referer is sent: Referrer-Policy is no-referrer).
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction("Index", "Home");
    }

    // A page that keeps its tenant filter in the URL (the alert queue) gets tenant=<slug> set, or removed for all
    // tenants, and starts again at its first page.
    private static string WithTenantInUrl(string returnUrl, string? slug)
    {
        var split = returnUrl.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? returnUrl : returnUrl[..split];
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(split < 0 ? "" : returnUrl[split..]);
        var kept = query.Where(kv => kv.Key is not "tenant" and not "after")
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v))).ToList();
        if (slug is not null)
        {
            kept.Add(new("tenant", slug));
        }
        return path + (kept.Count > 0 ? QueryString.Create(kept).ToUriComponent() : "");
    }
}
