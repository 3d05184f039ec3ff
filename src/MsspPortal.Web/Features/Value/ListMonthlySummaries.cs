using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value;

// Month-by-month figures; the monthly value report (PDF/CSV) will be built on the same months.
public sealed record ListMonthlySummaries : IQuery<IReadOnlyList<MonthlySummary>>;

public sealed record MonthlySummary(int Year, int Month, int Alerts, int Critical, int Resolved, int FalsePositives);

internal sealed class ListMonthlySummariesHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListMonthlySummaries, IReadOnlyList<MonthlySummary>>
{
    public async ValueTask<IReadOnlyList<MonthlySummary>> Handle(ListMonthlySummaries query, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddMonths(-12);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.DetectedAt >= since && a.MergedIntoId == null)
            .Select(a => new { a.DetectedAt, a.Severity, a.Status, a.Disposition })
            .ToListAsync(cancellationToken);
        return alerts
            .GroupBy(a => (a.DetectedAt.UtcDateTime.Year, a.DetectedAt.UtcDateTime.Month))
            .OrderByDescending(g => g.Key)
            .Select(g => new MonthlySummary(g.Key.Year, g.Key.Month, g.Count(),
                g.Count(a => a.Severity == AlertSeverity.Critical),
                g.Count(a => a.Status == AlertStatus.Resolved && a.Disposition != AlertDisposition.FalsePositive),
                g.Count(a => a.Disposition == AlertDisposition.FalsePositive)))
            .ToList();
    }
}
