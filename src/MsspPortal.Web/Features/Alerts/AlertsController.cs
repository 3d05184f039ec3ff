using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

[Requires(Capability.ReadAlerts)]
[TenantRow(typeof(Alert))]
public sealed class AlertsController(ISender sender) : Controller
{
    public async Task<IActionResult> Index(AlertStatus? status, AlertSeverity? severity, string? after, bool all, CancellationToken cancellationToken) =>
        View(await sender.Send(new ListAlerts(status, severity, OpenOnly: !all, AlertCursor.Parse(after)), cancellationToken));

    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetAlert(id), cancellationToken) is { } alert ? View(alert) : NotFound();
}
