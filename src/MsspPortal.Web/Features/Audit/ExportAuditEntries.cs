using System.Globalization;
using System.Runtime.CompilerServices;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.Web.Features.Audit;

// Every audit row matching the filters as CSV lines, streamed so a long log never sits in memory.
public sealed record ExportAuditEntries(AuditFilter Filter) : IStreamQuery<string>;

internal sealed class ExportAuditEntriesHandler(PortalDbContext db) : IStreamQueryHandler<ExportAuditEntries, string>
{
    public async IAsyncEnumerable<string> Handle(ExportAuditEntries query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return SpreadsheetCsv.Row("at_utc", "tenant", "user", "action", "entity_type", "entity_id", "ip_address");
        await foreach (var row in AuditQuery.Rows(db, query.Filter with { After = null }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return SpreadsheetCsv.Row(
                row.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                row.Tenant, row.User, row.Action, row.EntityType, row.EntityId, row.IpAddress);
        }
    }
}
