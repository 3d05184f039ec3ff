using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.ProtectionWindows;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// Northwind's November sale window worked through its four phases by the committee, through the window's own
// handlers as the demo people on the demo clock: the checklist started a month before, the month-before items done
// in October, the week-before stress test and drill done before the sale, the live watch during it, and after it the
// review recorded from the records: the alerts detected in the window and how they were handled, the incidents and
// the interruption they recorded. "Zero minutes of interruption" is written only when every incident in the window
// recorded zero downtime; nothing else is claimed that the records do not hold.
internal sealed class DemoCommitteeWindows(IServiceProvider services, DemoCalendar calendar)
{
    private const string Slug = "northwind-shop";

    private const string Fallback = "lead@mssp.example";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lead = await DemoActor.ForAsync(services, Fallback, cancellationToken);
        if (lead is null || await LoadAsync(cancellationToken) is not { } window)
        {
            return;
        }
        var now = calendar.Now.AddMinutes(-1);
        var monthBefore = window.PhaseSpan(ProtectionPhase.MonthBefore).From;
        if (monthBefore > now)
        {
            return;
        }
        await lead.SendAsync<StartWindowChecklist, WindowStepResult, StartWindowChecklistHandler>(new StartWindowChecklist(window.Id), monthBefore, cancellationToken);
        var (items, owners) = await ItemsAsync(window.Id, cancellationToken);
        var records = await RecordsAsync(window, cancellationToken);
        var actors = new Dictionary<string, DemoActor?>(StringComparer.Ordinal);

        foreach (var phase in WindowChecklist.Phases)
        {
            var (from, to) = window.PhaseSpan(phase);
            var phaseItems = items.Where(i => i.Phase == phase).ToList();
            for (var n = 0; n < phaseItems.Count; n++)
            {
                var item = phaseItems[n];
                // Month before: from the third day, two days apart (October); the week before: its second day on;
                // during: the last hour of the window; after: the morning after it ended.
                var at = phase switch
                {
                    ProtectionPhase.MonthBefore => from.AddDays(3 + (2 * n)).AddHours(15),
                    ProtectionPhase.WeekBefore => from.AddDays(1 + n).AddHours(16),
                    ProtectionPhase.During => to.AddHours(-1),
                    _ => from.AddHours(10 + n),
                };
                if (at > now || Outcome(item.Title, records) is not { } outcome)
                {
                    continue;
                }
                var actor = await ActorAsync(window.TenantId, owners.GetValueOrDefault(item.Id), actors, cancellationToken) ?? lead;
                await actor.SendAsync<CloseChecklistItem, WindowStepResult, CloseChecklistItemHandler>(
                    new CloseChecklistItem { WindowId = window.Id, ItemId = item.Id, Outcome = outcome }, at, cancellationToken);
            }
        }

        var reviewAt = window.EndsAt.AddHours(9);
        if (reviewAt <= now)
        {
            await lead.SendAsync<RecordWindowReview, WindowStepResult, RecordWindowReviewHandler>(
                new RecordWindowReview { WindowId = window.Id, Review = Review(records) }, reviewAt, cancellationToken);
        }
    }

    private sealed record Records(int Alerts, int Ddos, int OrderFlood, int Handled, IReadOnlyList<(string Title, int? Downtime)> Incidents)
    {
        // Only when there were incidents and every one of them recorded its downtime as zero.
        public bool NoInterruption => Incidents.Count > 0 && Incidents.All(i => i.Downtime == 0);
    }

    private static string? Outcome(string title, Records r) => title switch
    {
        _ when title.StartsWith("Security assessment", StringComparison.Ordinal) => "capacity reviewed: scrubbing contracted for checkout",
        _ when title.StartsWith("Review of last year's", StringComparison.Ordinal) => "last year's sale: DDoS on checkout and bots buying discounted stock",
        _ when title.StartsWith("Tailored protection plan", StringComparison.Ordinal) => "plan agreed: DDoS scrubbing at the edge, real-time order-fraud model on checkout",
        _ when title.StartsWith("Confirm the expected traffic", StringComparison.Ordinal) => "Checkout and Storefront in scope, peak expected at 10× normal traffic",
        _ when title.StartsWith("Stress test", StringComparison.Ordinal) => "checkout held at 10× normal traffic",
        _ when title.StartsWith("Emergency drill", StringComparison.Ordinal) => "drill with a simulated 100,000 requests/s DDoS: committee assembled, scrubbing switched on",
        _ when title.StartsWith("Tune detection thresholds", StringComparison.Ordinal) => "DoS and order-flood thresholds tuned to sale traffic",
        _ when title.StartsWith("Joint live watch", StringComparison.Ordinal) =>
            string.Create(CultureInfo.InvariantCulture, $"live watch held: {r.Ddos} DDoS and {r.OrderFlood} order-flood alerts in the window, {r.Handled} of them handled"),
        _ when title.StartsWith("Business check-in", StringComparison.Ordinal) =>
            r.NoInterruption ? "orders kept flowing: no incident recorded any interruption" : "daily check-ins held with the shop",
        _ when title.StartsWith("Review meeting", StringComparison.Ordinal) => "review held and recorded on the window",
        _ when title.StartsWith("Lessons learned", StringComparison.Ordinal) => "scrubbing and the order-fraud model kept for next year's sale",
        _ => null,
    };

    private static string Review(Records r)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{r.Alerts} alerts were detected in the window: {r.Ddos} volumetric DDoS alerts and {r.OrderFlood} order-flood (bot) alerts among them; {r.Handled} of these were resolved or taken into an incident by the analysts.");
        text += r.Incidents.Count == 0
            ? " No incident was opened."
            : string.Create(CultureInfo.InvariantCulture, $" {r.Incidents.Count} incident(s): {string.Join("; ", r.Incidents.Select(i => i.Title))}.");
        if (r.NoInterruption)
        {
            text += " Every incident recorded zero minutes of interruption: orders kept flowing through the sale.";
        }
        return text;
    }

    private async Task<ProtectionWindow?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenantId = await db.Tenants.Where(t => t.Slug == Slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        return tenantId is null ? null
            : await db.ProtectionWindows.AsNoTracking().Where(w => w.TenantId == tenantId && w.Name == "November sale").FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<(List<ActionItem> Items, Dictionary<long, string?> OwnerUsers)> ItemsAsync(long windowId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var items = await db.ActionItems.AsNoTracking().Where(a => a.ProtectionWindowId == windowId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var memberIds = items.Where(i => i.OwnerMemberId != null).Select(i => i.OwnerMemberId!.Value).Distinct().ToList();
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.UserId, cancellationToken);
        return (items, items.ToDictionary(i => i.Id, i => i.OwnerMemberId is { } id ? members.GetValueOrDefault(id) : null));
    }

    private async Task<Records> RecordsAsync(ProtectionWindow window, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.TenantId == window.TenantId && a.DetectedAt >= window.StartsAt && a.DetectedAt < window.EndsAt)
            .Select(a => new { a.RuleId, a.Status, a.IncidentId }).ToListAsync(cancellationToken);
        var sale = alerts.Where(a => a.RuleId is BuiltInRuleIds.VolumetricDos or BuiltInRuleIds.OrderFlood).ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.TenantId == window.TenantId && i.OpenedAt >= window.StartsAt && i.OpenedAt < window.EndsAt)
            .OrderBy(i => i.OpenedAt).Select(i => new { i.Title, i.DowntimeMinutes }).ToListAsync(cancellationToken);
        return new Records(alerts.Count, sale.Count(a => a.RuleId == BuiltInRuleIds.VolumetricDos), sale.Count(a => a.RuleId == BuiltInRuleIds.OrderFlood),
            sale.Count(a => a.Status == AlertStatus.Resolved || a.IncidentId != null), [.. incidents.Select(i => (i.Title, i.DowntimeMinutes))]);
    }

    // The owner acts when their seat has a demo account whose role in the tenant may act on the committee (an analyst
    // or a committee member); otherwise the MSSP lead ticks the item for them.
    private async Task<DemoActor?> ActorAsync(Guid tenantId, string? userId, Dictionary<string, DemoActor?> actors, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return null;
        }
        if (!actors.TryGetValue(userId, out var actor))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var mayAct = await db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter])
                .AnyAsync(m => m.UserId == userId && m.TenantId == tenantId && (m.Role == PortalRole.Analyst || m.Role == PortalRole.CommitteeMember), cancellationToken);
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            actor = email is null || !mayAct ? null : await DemoActor.ForAsync(services, email, cancellationToken);
            actors[userId] = actor;
        }
        return actor;
    }
}
