using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Reports;

// The reports of the tenants in scope, newest month first, with who built, published and acknowledged them. Drafts
// are the MSSP's until published: shown only in the tenants where the person may publish (DraftsOf; null: all).
public sealed record ListValueReports(IReadOnlyList<Guid>? DraftsOf) : IQuery<ValueReportListViewModel>;

public sealed record ValueReportListViewModel(IReadOnlyList<ValueReportListViewModel.TenantReports> Tenants)
{
    public sealed record TenantReports(Guid TenantId, string Name, string Slug, IReadOnlyList<Row> Reports);

    public sealed record Row(long Id, DateOnly Month, ValueReportStatus Status, DateTimeOffset BuiltAt, string? PublishedBy, DateTimeOffset? PublishedAt,
        string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, int Disputes);

    public int Waiting => Tenants.Sum(t => t.Reports.Count(r => r.Status == ValueReportStatus.Published));
}

internal sealed class ListValueReportsHandler(PortalDbContext db) : IQueryHandler<ListValueReports, ValueReportListViewModel>
{
    public async ValueTask<ValueReportListViewModel> Handle(ListValueReports query, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.Slug }).ToListAsync(cancellationToken);
        var drafts = query.DraftsOf;
        var reports = await db.ValueReports.AsNoTracking()
            .Where(r => r.Status != ValueReportStatus.Draft || drafts == null || drafts.Contains(r.TenantId))
            .Select(r => new { r.Id, r.TenantId, r.Month, r.Status, r.BuiltAt, r.PublishedBy, r.PublishedAt, r.AcknowledgedBy, r.AcknowledgedAt, Disputes = r.Disputes.Count })
            .ToListAsync(cancellationToken);
        var names = await PeopleAsync(db, reports.SelectMany(r => new[] { r.PublishedBy, r.AcknowledgedBy }), cancellationToken);
        return new ValueReportListViewModel([.. tenants.Select(t => new ValueReportListViewModel.TenantReports(t.Id, t.Name, t.Slug,
            [.. reports.Where(r => r.TenantId == t.Id).OrderByDescending(r => r.Month)
                .Select(r => new ValueReportListViewModel.Row(r.Id, r.Month, r.Status, r.BuiltAt, Name(names, r.PublishedBy), r.PublishedAt,
                    Name(names, r.AcknowledgedBy), r.AcknowledgedAt, r.Disputes))]))]);
    }

    internal static async Task<Dictionary<string, string>> PeopleAsync(PortalDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, cancellationToken);
    }

    internal static string? Name(Dictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);
}

// How many published reports wait for the business owner's acknowledgement: the portal's notice to them.
public sealed record CountValueReportsWaiting : IQuery<int>;

internal sealed class CountValueReportsWaitingHandler(PortalDbContext db) : IQueryHandler<CountValueReportsWaiting, int>
{
    public async ValueTask<int> Handle(CountValueReportsWaiting query, CancellationToken cancellationToken) =>
        await db.ValueReports.CountAsync(r => r.Status == ValueReportStatus.Published, cancellationToken);
}
