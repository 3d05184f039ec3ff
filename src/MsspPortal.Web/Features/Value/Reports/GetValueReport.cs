using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Reports;

// One report as its snapshot holds it (never recomputed), with its status, people and disputes.
// A draft is found only by those who may publish in its tenant (DraftsOf; null: all).
public sealed record GetValueReport(long Id, IReadOnlyList<Guid>? DraftsOf) : IQuery<ValueReportViewModel?>;

public sealed record ValueReportViewModel(
    long Id, Guid TenantId, string TenantName, string TenantSlug, DateOnly Month, ValueReportStatus Status, DateTimeOffset BuiltAt,
    string? PublishedBy, DateTimeOffset? PublishedAt, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt,
    string ContentHash, int AssumptionVersion, ValueReportSnapshot Snapshot, IReadOnlyList<ValueReportViewModel.Dispute> Disputes)
{
    public sealed record Dispute(string FigureKey, string FigureLabel, string Comment, string By, DateTimeOffset At);

    public ValueFigures Figures => Snapshot.Figures;

    public string Currency => Snapshot.Figures.Currency;

    // Set by the page from the person's role in this tenant.
    public bool CanPublish { get; init; }

    public bool CanAcknowledge { get; init; }

    public string FileName(string extension) => $"value-report-{TenantSlug}-{Month:yyyy-MM}.{extension}";
}

internal sealed class GetValueReportHandler(PortalDbContext db) : IQueryHandler<GetValueReport, ValueReportViewModel?>
{
    public async ValueTask<ValueReportViewModel?> Handle(GetValueReport query, CancellationToken cancellationToken)
    {
        var report = await db.ValueReports.AsNoTracking().Include(r => r.Disputes).FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        if (report is null || (report.Status == ValueReportStatus.Draft && query.DraftsOf is { } drafts && !drafts.Contains(report.TenantId)))
        {
            return null;
        }
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == report.TenantId).Select(t => new { t.Name, t.Slug }).SingleAsync(cancellationToken);
        var snapshot = ValueReportSnapshot.Read(report);
        var names = await ListValueReportsHandler.PeopleAsync(db,
            [report.PublishedBy, report.AcknowledgedBy, .. report.Disputes.Select(d => d.By)], cancellationToken);
        return new ValueReportViewModel(report.Id, report.TenantId, tenant.Name, tenant.Slug, report.Month, report.Status, report.BuiltAt,
            ListValueReportsHandler.Name(names, report.PublishedBy), report.PublishedAt, ListValueReportsHandler.Name(names, report.AcknowledgedBy), report.AcknowledgedAt,
            report.ContentHash, report.AssumptionVersion, snapshot,
            [.. report.Disputes.OrderBy(d => d.At).Select(d => new ValueReportViewModel.Dispute(d.FigureKey, snapshot.Figures.Find(d.FigureKey)?.Label ?? d.FigureKey,
                d.Comment, ListValueReportsHandler.Name(names, d.By) ?? d.By, d.At))]);
    }
}
