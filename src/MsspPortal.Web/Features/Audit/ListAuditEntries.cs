using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Audit;

// The audit log filters, as they appear in the URL (readable values, so a filtered view can be shared).
public sealed record AuditFilter
{
    public string? Tenant { get; init; }

    public string? User { get; init; }

    public string? Action { get; init; }

    public string? Entity { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public string? After { get; init; }
}

public sealed record ListAuditEntries(AuditFilter Filter, int PageSize = 100) : IQuery<AuditLogViewModel>;

public sealed record AuditLogViewModel(IReadOnlyList<AuditLogViewModel.Row> Entries, string? Next, AuditFilter Filter,
    IReadOnlyList<string> Actions, IReadOnlyList<(string Slug, string Name)> Tenants)
{
    public sealed record Row(long Id, string Tenant, DateTimeOffset At, string? User, string Action, string EntityType, string EntityId, string? IpAddress);
}

internal sealed class ListAuditEntriesHandler(PortalDbContext db) : IQueryHandler<ListAuditEntries, AuditLogViewModel>
{
    public async ValueTask<AuditLogViewModel> Handle(ListAuditEntries query, CancellationToken cancellationToken)
    {
        var filter = query.Filter;
        var rows = await AuditQuery.Rows(db, filter)
            .Take(query.PageSize + 1)
            .ToListAsync(cancellationToken);
        rows = [.. rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)];
        var next = rows.Count > query.PageSize ? AuditQuery.Cursor(rows[query.PageSize - 1]) : null;

        // Both lists come through the tenant filter: only what the auditor may see is offered.
        var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken);
        return new AuditLogViewModel([.. rows.Take(query.PageSize)], next, filter, actions, [.. tenants.Select(t => (t.Slug, t.Name))]);
    }
}

// One query for the page and the CSV export, so the export holds exactly what the filters show.
internal static class AuditQuery
{
    public static IQueryable<AuditLogViewModel.Row> Rows(PortalDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Tenant))
        {
            var slug = filter.Tenant.Trim();
            entries = entries.Where(a => db.Tenants.Any(t => t.Id == a.TenantId && t.Slug == slug));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var entity = filter.Entity.Trim();
            entries = entries.Where(a => a.EntityType == entity || a.EntityId == entity);
        }
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            entries = entries.Where(a => db.Users.Any(u => u.Id == a.UserId && u.Email!.Contains(user)));
        }
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At < end);
        }
        if (ParseCursor(filter.After) is { } after)
        {
            // Keyset on (At, Id): a year of audit rows pages as fast as a day.
            entries = entries.Where(a => a.At < after.At || (a.At == after.At && a.Id < after.Id));
        }
        return entries
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AuditLogViewModel.Row(
                a.Id,
                db.Tenants.Where(t => t.Id == a.TenantId).Select(t => t.Name).FirstOrDefault() ?? "",
                a.At,
                a.UserId == null ? null : db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault() ?? a.UserId,
                a.Action, a.EntityType, a.EntityId, a.IpAddress));
    }

    public static string Cursor(AuditLogViewModel.Row row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.At.UtcTicks}-{row.Id}");

    private static (DateTimeOffset At, long Id)? ParseCursor(string? text) =>
        text?.Split('-') is [var ticks, var id]
            && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t) && long.TryParse(id, CultureInfo.InvariantCulture, out var i)
            && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(t, TimeSpan.Zero), i)
            : null;
}
