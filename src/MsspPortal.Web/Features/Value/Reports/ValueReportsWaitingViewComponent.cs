using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace MsspPortal.Web.Features.Value.Reports;

// The portal's notice to a business owner: "N reports waiting for your acknowledgement", read from the reports'
// statuses (a published report is waiting until it is acknowledged or disputed). The layout shows it by name.
public sealed class ValueReportsWaitingViewComponent(ISender sender) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var waiting = await sender.Send(new CountValueReportsWaiting(), HttpContext.RequestAborted);
        return waiting == 0 ? Content("") : View("~/Features/Value/Reports/Waiting.cshtml", waiting);
    }
}
