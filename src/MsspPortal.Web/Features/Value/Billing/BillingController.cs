using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Billing;

// The invoice preview (read by MSSP staff, the business owner and the auditor) and the contract's billing terms
// (edited by MSSP staff and platform admins). Attribute-routed under /Value/Billing; views sit beside this file.
[Requires(Capability.ReadValue)]
[Route("Value/Billing")]
public sealed class BillingController(ISender sender, ITenantContext tenants, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Value/Billing/";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? tenant, string? period, CancellationToken cancellationToken)
    {
        if (Pick(tenant) is not { } choice)
        {
            return tenant is { Length: > 0 } ? NotFound() : View(Views + "Index.cshtml", new InvoicePage(null, InScope(), false));
        }
        var invoice = await sender.Send(new PreviewInvoice(choice.Id, period), cancellationToken);
        return invoice is null
            ? NotFound()
            : View(Views + "Index.cshtml", new InvoicePage(invoice, InScope(), access.Has(Capability.ManageContract, choice.Id)));
    }

    [HttpGet("Csv")]
    public async Task<IActionResult> Csv(string? tenant, string? period, CancellationToken cancellationToken)
    {
        if (Pick(tenant) is not { } choice || await sender.Send(new PreviewInvoice(choice.Id, period), cancellationToken) is not { } invoice)
        {
            return NotFound();
        }
        return File(Encoding.UTF8.GetBytes(InvoiceCsv.Write(invoice)), "text/csv; charset=utf-8", $"invoice-{invoice.TenantSlug}-{invoice.Period}.csv");
    }

    [Requires(Capability.ManageContract)]
    [TenantRow(typeof(ServiceContract))]
    [HttpGet("Terms/{id}")]
    public async Task<IActionResult> Terms(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetBillingTerms(id), cancellationToken) is { } form ? View(Views + "Terms.cshtml", form) : NotFound();

    [Requires(Capability.ManageContract)]
    [TenantRow(typeof(ServiceContract))]
    [HttpPost("Terms/{id}")]
    public async Task<IActionResult> Terms(long id, EditBillingTerms command, CancellationToken cancellationToken)
    {
        // The id in the route decides the contract; the shown tenant fields come back from the database, not the form.
        var stored = await sender.Send(new GetBillingTerms(id), cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }
        command = command with { Id = id, TenantSlug = stored.TenantSlug, TenantName = stored.TenantName, TenantCurrency = stored.TenantCurrency };
        if (!ModelState.IsValid)
        {
            // A rejected form keeps what was typed; severities come back in the contract's order.
            return View(Views + "Terms.cshtml", command);
        }
        if (!await sender.Send(command, cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = $"Billing terms of {stored.TenantName} saved.";
        return Redirect("/Value/Billing?tenant=" + Uri.EscapeDataString(stored.TenantSlug));
    }

    // tenant=<slug> must be in the request's scope; none given: the one tenant in scope, if only one is.
    private TenantChoice? Pick(string? slug)
    {
        var inScope = InScope();
        if (slug is { Length: > 0 })
        {
            return inScope.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.OrdinalIgnoreCase));
        }
        return tenants.SingleTenantId is { } one ? inScope.FirstOrDefault(t => t.Id == one) : inScope.Count == 1 ? inScope[0] : null;
    }

    private List<TenantChoice> InScope() => [.. tenants.Selectable.Where(c => tenants.CanAccess(c.Id))];
}

public sealed record InvoicePage(InvoicePreview? Invoice, IReadOnlyList<TenantChoice> Tenants, bool CanEditTerms);
