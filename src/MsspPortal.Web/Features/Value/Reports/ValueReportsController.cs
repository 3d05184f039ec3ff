using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Value.Reports;

// The monthly value reports: the list per tenant, one report (HTML, PDF, CSV), and the steps of its life: built and
// published by MSSP staff, acknowledged or disputed by the business owner. Views live beside this file.
[Requires(Capability.ReadValue)]
[TenantRow(typeof(ValueReport))]
public sealed class ValueReportsController(ISender sender, ITenantAccess access) : Controller
{
    private const string Views = "~/Features/Value/Reports/";

    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var model = await sender.Send(new ListValueReports(DraftsOf()), cancellationToken);
        ViewData["CanPublish"] = access.Has(Capability.PublishValueReports);
        return View(Views + "Index.cshtml", model);
    }

    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } report ? View(Views + "Details.cshtml", report) : NotFound();

    public async Task<IActionResult> Pdf(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } report ? File(ValueReportPdf.Write(report), "application/pdf", report.FileName("pdf")) : NotFound();

    public async Task<IActionResult> Csv(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is { } report ? File(ValueReportCsv.Write(report.Figures), "text/csv", report.FileName("csv")) : NotFound();

    // Builds (or rebuilds) a month's draft now, rather than waiting for the job: after a correction, say.
    [Requires(Capability.PublishValueReports)]
    [HttpPost, ValidateAntiForgeryToken]
    public async Task<IActionResult> Build(Guid tenantId, string? month, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            TempData["Error"] = "Choose a month (YYYY-MM).";
            return RedirectToAction(nameof(Index));
        }
        var result = await sender.Send(new BuildValueReport(tenantId, first), cancellationToken);
        switch (result.Outcome)
        {
            case BuildOutcome.TenantNotFound:
                return NotFound();
            case BuildOutcome.NotEnded:
                TempData["Error"] = $"{first:MMMM yyyy} has not ended yet in the tenant's time zone.";
                return RedirectToAction(nameof(Index));
            case BuildOutcome.AlreadyPublished:
                TempData["Error"] = $"The report of {first:MMMM yyyy} is published: its figures stay as published.";
                return RedirectToAction(nameof(Details), new { id = result.ReportId });
            default:
                TempData["Flash"] = result.Outcome == BuildOutcome.Unchanged ? "Draft rebuilt: the figures are unchanged." : "Draft built.";
                return RedirectToAction(nameof(Details), new { id = result.ReportId });
        }
    }

    [Requires(Capability.PublishValueReports)]
    [HttpPost, ValidateAntiForgeryToken]
    public async Task<IActionResult> Publish(long id, CancellationToken cancellationToken) =>
        Done(await sender.Send(new PublishValueReport(id), cancellationToken), "Published: the business owner sees it waiting for their acknowledgement.");

    [Requires(Capability.AcknowledgeValueReports)]
    [HttpPost, ValidateAntiForgeryToken]
    public async Task<IActionResult> Acknowledge(long id, CancellationToken cancellationToken) =>
        Done(await sender.Send(new AcknowledgeValueReport(id), cancellationToken), "Report acknowledged.");

    [Requires(Capability.AcknowledgeValueReports)]
    [HttpPost, ValidateAntiForgeryToken]
    public async Task<IActionResult> Dispute(long id, DisputeValueReportFigure command, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Error"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return RedirectToAction(nameof(Details), new { id });
        }
        return Done(await sender.Send(command with { Id = id }, cancellationToken), "Your dispute is recorded; the joint committee will take it up.");
    }

    private async Task<ValueReportViewModel?> LoadAsync(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetValueReport(id, DraftsOf()), cancellationToken) is { } report
            ? report with
            {
                CanPublish = access.Has(Capability.PublishValueReports, report.TenantId),
                CanAcknowledge = access.Has(Capability.AcknowledgeValueReports, report.TenantId),
            }
            : null;

    private IReadOnlyList<Guid>? DraftsOf() => access.IsPlatformAdmin ? null : access.TenantsWith(Capability.PublishValueReports);

    private IActionResult Done(ValueReportChange result, string done)
    {
        if (result.ReportId is not { } reportId)
        {
            return NotFound();
        }
        TempData[result.Error is null ? "Flash" : "Error"] = result.Error ?? done;
        return RedirectToAction(nameof(Details), new { id = reportId });
    }
}
