using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// The burn-down across the last two quarters (the current one so far and the one before), week by week in the
// tenant's days: how many items were open at the end of each week (raised before it, not yet done or dropped), and
// how many were raised and closed during it. Weeks run Monday to Monday; the current week ends now.
public sealed record GetActionItemBurndown(CommitteeTenant Tenant) : IQuery<ActionItemBurndown>;

public sealed record ActionItemBurndown(CommitteeTenant Tenant, DateOnly From, DateOnly Today, int OpenAtStart, IReadOnlyList<ActionItemBurndown.Week> Weeks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Week(DateOnly Starts, string Quarter, int Raised, int Closed, int OpenAtEnd);

    // The chart's data for wwwroot/js/burndown.js (no inline script under the CSP).
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        labels = Weeks.Select(w => w.Starts.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        datasets = new object[]
        {
            new { label = "Open at the week's end", data = Weeks.Select(w => w.OpenAtEnd) },
            new { label = "Raised in the week", data = Weeks.Select(w => w.Raised) },
            new { label = "Done or dropped in the week", data = Weeks.Select(w => w.Closed) },
        },
    }, Json);
}

internal sealed class GetActionItemBurndownHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetActionItemBurndown, ActionItemBurndown>
{
    public async ValueTask<ActionItemBurndown> Handle(GetActionItemBurndown query, CancellationToken cancellationToken)
    {
        var zone = query.Tenant.Zone;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var from = quarter.AddMonths(-3);
        var firstMonday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        var start = MeasureGoalHandler.StartOfDay(firstMonday, zone);

        var items = await db.ActionItems.AsNoTracking()
            .Where(a => a.TenantId == query.Tenant.Id && a.CreatedAt < now && (a.CompletedAt == null || a.CompletedAt >= start))
            .Select(a => new { a.CreatedAt, a.CompletedAt }).ToListAsync(cancellationToken);
        int OpenAt(DateTimeOffset at) => items.Count(i => i.CreatedAt < at && (i.CompletedAt is null || i.CompletedAt >= at));

        var weeks = new List<ActionItemBurndown.Week>();
        for (var monday = firstMonday; monday <= today; monday = monday.AddDays(7))
        {
            var (begins, ends) = (MeasureGoalHandler.StartOfDay(monday, zone), MeasureGoalHandler.StartOfDay(monday.AddDays(7), zone));
            if (ends > now)
            {
                ends = now;
            }
            var inQuarter = monday < from ? from : monday;
            weeks.Add(new ActionItemBurndown.Week(monday, $"{inQuarter.Year} Q{(inQuarter.Month - 1) / 3 + 1}",
                items.Count(i => i.CreatedAt >= begins && i.CreatedAt < ends),
                items.Count(i => i.CompletedAt >= begins && i.CompletedAt < ends),
                OpenAt(ends)));
        }
        return new ActionItemBurndown(query.Tenant, from, today, OpenAt(start), weeks);
    }
}
