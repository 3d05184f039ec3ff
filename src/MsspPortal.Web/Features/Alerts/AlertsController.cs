using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Alerts;

// The queue's page model: the list (or its groups), the views to open, and what "select all matching" would take.
public sealed record AlertQueuePage(AlertListViewModel List, IReadOnlyList<SavedViewItem> Views, int BulkCap, bool CanTriage,
    IReadOnlyList<TenantChoice> Tenants);

[Requires(Capability.ReadAlerts)]
[TenantRow(typeof(Alert))]
public sealed class AlertsController(ISender sender, ITenantContext tenant, ITenantAccess access) : Controller
{
    // "Select all matching" acts on at most this many alerts per request: a bigger set is narrowed first.
    public const int BulkCap = 5000;

    // The CSV export's ceiling; a larger set ends with a line saying it was cut.
    public const int ExportCap = 100_000;

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
        return View(new AlertQueuePage(list, views, BulkCap, access.Has(Capability.TriageAlerts), InScope()));
    }

    // "Select all matching" asks for the count when it is ticked, not on every page: a count over a broad filter reads
    // thousands of index entries, which the page budget cannot pay each time. Capped at BulkCap + 1.
    public async Task<IActionResult> Count(CancellationToken cancellationToken) =>
        Json(new { count = await sender.Send(new CountMatchingAlerts(QueueFilter.Parse(Request.Query, InScope()), BulkCap), cancellationToken), cap = BulkCap });

    // The queue's filter (same readable URL values) as CSV, streamed so a large export never sits in memory.
    [HttpGet]
    public async Task Export(CancellationToken cancellationToken)
    {
        var filter = QueueFilter.Parse(Request.Query, InScope());
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"alerts.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await foreach (var line in sender.CreateStream(new ExportAlerts(filter, ExportCap), cancellationToken))
        {
            await writer.WriteAsync(line);
        }
        await writer.FlushAsync(cancellationToken);
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

    // Bulk triage from the queue: the checked alerts (ids), or everything matching the filter the analyst confirmed
    // with its count (query + expected). The set is counted again here and refused when it grew past what was
    // confirmed or past BulkCap: nobody resolves alerts they were not shown a count of. Keyboard actions post here with
    // one id and ask for JSON.
    [Requires(Capability.TriageAlerts)]
    [HttpPost]
    public async Task<IActionResult> Bulk(BulkTriageForm form, CancellationToken cancellationToken)
    {
        var filter = QueueFilter.FromQuery(form.Query ?? "", InScope());
        var back = form.ReturnUrl is { } r && Url.IsLocalUrl(r) ? r : filter.Url();
        IReadOnlyList<long> ids;
        if (form.Verb == TriageVerb.Merge && form.Expected is not null)
        {
            // A merge names its survivor in the confirmation, which a filter-wide selection cannot show.
            return Outcome(back, "Refused: merge the checked alerts, not everything matching the filter.", refused: true);
        }
        if (form.Expected is { } expected)
        {
            var matching = await sender.Send(new CountMatchingAlerts(filter, BulkCap), cancellationToken);
            if (matching > BulkCap)
            {
                return Outcome(back, $"Refused: more than {BulkCap:N0} alerts match; narrow the filter and try again.", refused: true);
            }
            if (matching > expected)
            {
                return Outcome(back, $"Refused: {matching:N0} alerts match the filter now, but you confirmed {expected:N0}. Review the queue and confirm again.", refused: true);
            }
            ids = await sender.Send(new ListMatchingAlertIds(filter, BulkCap), cancellationToken);
        }
        else
        {
            ids = [.. (form.Ids ?? []).Distinct().Take(BulkCap + 1)];
            if (ids.Count > BulkCap)
            {
                return Outcome(back, $"Refused: at most {BulkCap:N0} alerts at once.", refused: true);
            }
        }
        if (ids.Count == 0)
        {
            return Outcome(back, "Nothing to do: no alert was selected.", refused: true);
        }
        var action = new TriageAction(form.Verb, Disposition: form.Verb == TriageVerb.Resolve ? form.Disposition : null,
            Reason: string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim(),
            TargetId: form.Verb == TriageVerb.Merge ? form.TargetId : null);
        TriageResult result;
        try
        {
            result = await sender.Send(new TriageAlerts(ids, action), cancellationToken);
        }
        catch (FluentValidation.ValidationException invalid)
        {
            return Outcome(back, "Refused: " + string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct()), refused: true);
        }
        var message = $"{form.Verb}: {result.Changed} changed, {result.Unchanged} unchanged" +
            (result.Refused.Count > 0 ? $", {result.Refused.Count} refused ({string.Join(" ", result.Refused.Take(3))})" : "") + ".";
        return Outcome(back, message, refused: false, result);
    }

    private IActionResult Outcome(string back, string message, bool refused, TriageResult? result = null)
    {
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return refused
                ? UnprocessableEntity(new { message })
                : Json(new { message, changed = result!.Changed, unchanged = result.Unchanged, refused = result.Refused });
        }
        TempData[refused ? "Refused" : "Flash"] = message;
        return LocalRedirect(back);
    }

    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetAlert(id), cancellationToken) is { } alert ? View(alert) : NotFound();

    // The tenants a tenant= value may name: those the request's scope (after the tenant switcher) covers.
    private List<TenantChoice> InScope() => [.. tenant.Selectable.Where(c => tenant.CanAccess(c.Id))];
}

public sealed record BulkTriageForm
{
    public long[]? Ids { get; init; }

    // The filter's query string, and the count the analyst confirmed for "all matching".
    public string? Query { get; init; }

    public int? Expected { get; init; }

    public TriageVerb Verb { get; init; }

    public AlertDisposition? Disposition { get; init; }

    public string? Reason { get; init; }

    // Merge only: the survivor the analyst confirmed; without one the handler picks the highest-risk alert.
    public long? TargetId { get; init; }

    public string? ReturnUrl { get; init; }
}
