using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Offboarding;

// The platform-level audit records, newest first, with a deletion's per-table counts.
public sealed record ListPlatformAuditRecords(int PageSize = 100) : IQuery<PlatformAuditViewModel>;

public sealed record PlatformAuditViewModel(IReadOnlyList<PlatformAuditViewModel.Row> Records)
{
    public sealed record Row(long Id, DateTimeOffset At, DateTimeOffset? CompletedAt, string Actor, string Action, string TenantSlug,
        string TenantName, Guid TenantId, IReadOnlyList<Count> Counts);

    public sealed record Count(string Table, long Before, long? After);
}

internal sealed class ListPlatformAuditRecordsHandler(PortalDbContext db) : IQueryHandler<ListPlatformAuditRecords, PlatformAuditViewModel>
{
    public async ValueTask<PlatformAuditViewModel> Handle(ListPlatformAuditRecords query, CancellationToken cancellationToken)
    {
        var records = await db.PlatformAuditRecords.AsNoTracking()
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new PlatformAuditViewModel([.. records.Select(r =>
        {
            var details = System.Text.Json.JsonSerializer.Deserialize<DeleteTenantHandler.Details>(r.Details);
            var counts = details?.Before.Select(b => new PlatformAuditViewModel.Count(b.Key, b.Value,
                details.After is { } after && after.TryGetValue(b.Key, out var n) ? n : null)).ToList() ?? [];
            return new PlatformAuditViewModel.Row(r.Id, r.At, r.CompletedAt, r.Actor, r.Action, r.TenantSlug, r.TenantName, r.SubjectTenantId, counts);
        })]);
    }
}
