using System.Globalization;
using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Export;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Alerts;

// The alerts matching the queue's filter as CSV lines, in the queue's sort, streamed. At most Cap rows: a bigger set
// ends with a line saying it was cut, so a spreadsheet never silently holds part of the answer.
public sealed record ExportAlerts(QueueFilter Filter, int Cap) : IStreamQuery<string>;

internal sealed class ExportAlertsHandler(PortalDbContext db, ITenantContext tenant, ICurrentUser user) : IStreamQueryHandler<ExportAlerts, string>
{
    public static readonly string[] Columns =
    [
        "id", "tenant", "detected_utc", "severity", "risk", "status", "disposition", "rule", "title", "source_ip", "user", "host",
        "techniques", "assignee", "acknowledge_due_utc", "resolve_due_utc", "events",
    ];

    private sealed record Line(long Id, Guid TenantId, DateTimeOffset DetectedAt, AlertSeverity Severity, int RiskScore, AlertStatus Status,
        AlertDisposition? Disposition, string RuleId, string Title, string? SourceIp, string? UserName, string? HostName, string Techniques,
        string? Assignee, DateTimeOffset? AcknowledgeDueAt, DateTimeOffset? ResolveDueAt, int EventCount);

    public async IAsyncEnumerable<string> Handle(ExportAlerts query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Every row of the filter, not a page of it, and never its groups.
        var filter = query.Filter with { After = null, Group = QueueGrouping.None };
        var matching = await AlertQueue.MatchingAsync(db, filter, user.Id, cancellationToken);
        var tenants = tenant.Selectable.ToDictionary(t => t.Id, t => t.Name);
        yield return SpreadsheetCsv.Row(Columns);

        var written = 0;
        // The SLA sort reads the alerts with a deadline, then those without, as the queue's pages do.
        IQueryable<Alert>[] parts = filter.Sort == QueueSort.Sla
            ? [AlertQueue.Page(matching, QueueSort.Sla, null), AlertQueue.SlaTail(matching, null)]
            : [AlertQueue.Page(matching, filter.Sort, null)];
        foreach (var part in parts)
        {
            await foreach (var row in Project(part).Take(query.Cap + 1 - written).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (written == query.Cap)
                {
                    yield return SpreadsheetCsv.Row(
                        $"# cut at {query.Cap.ToString("N0", CultureInfo.InvariantCulture)} rows: more alerts match; narrow the filter to export the rest");
                    yield break;
                }
                written++;
                yield return SpreadsheetCsv.Row(
                    row.Id.ToString(CultureInfo.InvariantCulture), tenants.GetValueOrDefault(row.TenantId, "?"), Utc(row.DetectedAt),
                    QueueFilter.Readable(row.Severity), row.RiskScore.ToString(CultureInfo.InvariantCulture), QueueFilter.Readable(row.Status),
                    row.Disposition is { } d ? QueueFilter.Readable(d) : "", row.RuleId, row.Title, row.SourceIp, row.UserName, row.HostName,
                    row.Techniques, row.Assignee, Utc(row.AcknowledgeDueAt), Utc(row.ResolveDueAt), row.EventCount.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    // The assignee's name as a subquery: a second query while the export's reader is open is not allowed on one context.
    private IQueryable<Line> Project(IQueryable<Alert> alerts) =>
        alerts.Select(a => new Line(a.Id, a.TenantId, a.DetectedAt, a.Severity, a.RiskScore, a.Status, a.Disposition, a.RuleId, a.Title,
            a.SourceIp, a.UserName, a.HostName, a.Techniques,
            a.AssigneeId == null ? null : db.Users.Where(u => u.Id == a.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            a.AcknowledgeDueAt, a.ResolveDueAt, a.EventCount));

    private static string Utc(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
}
