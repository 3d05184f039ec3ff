using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Value.Reports;

// `mssp report`: the report of a tenant's month as PDF and CSV. The published snapshot when there is one (exactly what
// the customer was shown); otherwise the draft, built (or rebuilt) from the records now.
public sealed record ExportValueReport(string TenantSlug, DateOnly Month) : ICommand<ValueReportExport>;

public sealed record ValueReportExport(ValueReportViewModel? Report, string? Error)
{
    public byte[] Pdf() => ValueReportPdf.Write(Report!);

    public byte[] Csv() => ValueReportCsv.Write(Report!.Figures);
}

internal sealed class ExportValueReportHandler(PortalDbContext db, ISender sender) : ICommandHandler<ExportValueReport, ValueReportExport>
{
    public async ValueTask<ValueReportExport> Handle(ExportValueReport command, CancellationToken cancellationToken)
    {
        var tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == command.TenantSlug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (tenantId is not { } id)
        {
            return new(null, $"No tenant {command.TenantSlug}.");
        }
        var month = new DateOnly(command.Month.Year, command.Month.Month, 1);
        var built = await sender.Send(new BuildValueReport(id, month), cancellationToken);
        if (built.ReportId is not { } reportId)
        {
            return new(null, built.Outcome == BuildOutcome.NotEnded ? $"{month:yyyy-MM} has not ended yet in the tenant's time zone." : $"No report of {month:yyyy-MM}.");
        }
        return new(await sender.Send(new GetValueReport(reportId, DraftsOf: null), cancellationToken), null);
    }
}
