using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Alerts;

// The queue's page model: the list (or its groups), the views to open, and what "select all matching" would take.
public sealed record AlertQueuePage(AlertListViewModel List, IReadOnlyList<SavedViewItem> Views, int Matching, int BulkCap, bool CanTriage,
    IReadOnlyList<TenantChoice> Tenants);

[Requires(Capability.ReadAlerts)]
[TenantRow(typeof(Alert))]
public sealed class AlertsController(ISender sender, ITenantContext tenant, ITenantAccess access) : Controller
{
    // "Select all matching" acts on at most this many alerts per request: a bigger set is narrowed first.
    public const int BulkCap = 5000;

    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Opened bare, the queue opens the user's default view, in the URL so the controls and a reload agree.
        if (Request.Query.Count == 0 && await sender.Send(new GetDefaultView(), cancellationToken) is { Length: > 0 } saved)
        {
            return LocalRedirect("/Alerts?" + saved);
        }
        var filter = QueueFilter.Parse(Request.Query, InScope());
        var list = await sender.Send(new ListAlerts(filter), cancellationToken);
        var views = await sender.Send(new ListSavedViews(), cancellationToken);
        var matching = await sender.Send(new CountMatchingAlerts(filter, BulkCap), cancellationToken);
        return View(new AlertQueuePage(list, views, matching, BulkCap, access.Has(Capability.TriageAlerts), InScope()));
    }

    // Polled by the queue: alerts raised since the page was drawn that match its filter. Text only, as JSON.
    public async Task<IActionResult> Newer(long since, CancellationToken cancellationToken) =>
        Json(await sender.Send(new ListNewerAlerts(QueueFilter.Parse(Request.Query, InScope()), since), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> SaveView(SaveView command, CancellationToken cancellationToken)
    {
        var query = QueueFilter.FromQuery(command.Query ?? "", InScope());
        if (!ModelState.IsValid)
        {
            TempData["Flash"] = "A view needs a name (up to 100 characters).";
            return LocalRedirect(query.Url());
        }
        // Stored as the queue writes it: readable values, defaults left out, never a page cursor.
        await sender.Send(command with { Query = query.ToQuery() }, cancellationToken);
        TempData["Flash"] = $"View \"{command.Name.Trim()}\" saved.";
        return LocalRedirect(query.Url());
    }

    [HttpPost]
    public async Task<IActionResult> DeleteView(long viewId, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new DeleteView(viewId), cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "View deleted.";
        return LocalRedirect("/Alerts?status=open");
    }

    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetAlert(id), cancellationToken) is { } alert ? View(alert) : NotFound();

    // The tenants a tenant= value may name: those the request's scope (after the tenant switcher) covers.
    private List<TenantChoice> InScope() => [.. tenant.Selectable.Where(c => tenant.CanAccess(c.Id))];
}
