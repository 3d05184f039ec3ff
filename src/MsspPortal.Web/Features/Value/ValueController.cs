using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Features.Value.Dashboard;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Value;

[Requires(Capability.ReadValue)]
public sealed class ValueController(ISender sender) : Controller
{
    private const string DashboardView = "~/Features/Value/Dashboard/Index.cshtml";
    private const string ChooseTenantView = "~/Features/Value/Dashboard/ChooseTenant.cshtml";

    // The value dashboard: /Value?tenant=northwind-shop&month=2026-11 (both optional). A tenant outside the caller's
    // reach is not found, like any other tenant's row.
    public async Task<IActionResult> Index(string? tenant, string? month, CancellationToken cancellationToken)
    {
        var page = await sender.Send(new GetValueDashboard(tenant, month), cancellationToken);
        return page.Result switch
        {
            ValueDashboardPage.Outcome.Dashboard => View(DashboardView, page.Dashboard),
            ValueDashboardPage.Outcome.ChooseTenant => View(ChooseTenantView, page.Tenants),
            _ => NotFound(),
        };
    }
}
