using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.ProtectionWindows;

// One window with its four phases (dates, checklist, done/total), the review, and what the records hold for the
// window's own span: the alerts detected and the incidents opened in it.
public sealed record GetProtectionWindow(long Id) : IQuery<ProtectionWindowDetails?>;

public sealed record ProtectionWindowDetails(
    long Id, Guid TenantId, string TenantSlug, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Services, double Weight,
    string? Review, DateTimeOffset? ReviewedAt, string? ReviewedBy, bool HasEnded, bool HasChecklist,
    IReadOnlyList<ProtectionWindowDetails.PhaseRow> Phases, IReadOnlyList<ProtectionWindowDetails.RuleCount> AlertsByRule, int AlertCount,
    IReadOnlyList<ProtectionWindowDetails.IncidentRow> Incidents, IReadOnlyList<ProtectionWindowDetails.MemberChoice> Members)
{
    // The alert list's own filter (Features/Alerts/QueueFilter): every status, this tenant, the window's days.
    public string AlertsLink(string? rule = null) =>
        $"/Alerts?status=all&tenant={Uri.EscapeDataString(TenantSlug)}&from={StartsAt.UtcDateTime:yyyy-MM-dd}&to={EndsAt.AddTicks(-1).UtcDateTime:yyyy-MM-dd}"
        + (rule is null ? "" : "&rule=" + Uri.EscapeDataString(rule));

    public sealed record PhaseRow(ProtectionPhase Phase, string Name, string Purpose, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ItemRow> Items)
    {
        // Dropped items are no longer part of the work: done counts against what remains to do.
        public int Done => Items.Count(i => i.Status == ActionItemStatus.Done);

        public int Total => Items.Count(i => i.Status != ActionItemStatus.Dropped);
    }

    public sealed record ItemRow(long Id, string Title, string OwnerName, DateOnly? DueOn, ActionItemStatus Status, DateTimeOffset? CompletedAt, string? Outcome)
    {
        public bool IsOpen => Status is ActionItemStatus.Open or ActionItemStatus.InProgress;
    }

    public sealed record RuleCount(string RuleId, string Title, int Count);

    public sealed record IncidentRow(long Id, string Title, IncidentStatus Status, DateTimeOffset OpenedAt, int? DowntimeMinutes);

    public sealed record MemberChoice(long Id, string Name, CommitteeSide Side);
}

internal sealed class GetProtectionWindowHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetProtectionWindow, ProtectionWindowDetails?>
{
    public async ValueTask<ProtectionWindowDetails?> Handle(GetProtectionWindow query, CancellationToken cancellationToken)
    {
        var w = await db.ProtectionWindows.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.Id, cancellationToken);
        if (w is null)
        {
            return null;
        }
        var slug = await db.Tenants.Where(t => t.Id == w.TenantId).Select(t => t.Slug).FirstAsync(cancellationToken);
        var items = await db.ActionItems.AsNoTracking().Where(a => a.ProtectionWindowId == w.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var phases = WindowChecklist.Phases.Select(p => new ProtectionWindowDetails.PhaseRow(p, WindowChecklist.Name(p), WindowChecklist.Purpose(p),
            w.PhaseSpan(p).From, w.PhaseSpan(p).To,
            [.. items.Where(i => i.Phase == p).Select(i => new ProtectionWindowDetails.ItemRow(i.Id, i.Title, i.OwnerName, i.DueOn, i.Status, i.CompletedAt, i.Outcome))])).ToList();

        var alerts = await db.Alerts.AsNoTracking().Where(a => a.TenantId == w.TenantId && a.DetectedAt >= w.StartsAt && a.DetectedAt < w.EndsAt)
            .GroupBy(a => a.RuleId).Select(g => new { RuleId = g.Key, Title = g.Max(a => a.Title)!, Count = g.Count() }).ToListAsync(cancellationToken);
        var byRule = alerts.OrderByDescending(a => a.Count).ThenBy(a => a.RuleId, StringComparer.Ordinal)
            .Select(a => new ProtectionWindowDetails.RuleCount(a.RuleId, a.Title, a.Count)).ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.TenantId == w.TenantId && i.OpenedAt >= w.StartsAt && i.OpenedAt < w.EndsAt)
            .OrderBy(i => i.OpenedAt).Select(i => new ProtectionWindowDetails.IncidentRow(i.Id, i.Title, i.Status, i.OpenedAt, i.DowntimeMinutes))
            .ToListAsync(cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.TenantId == w.TenantId && m.Active).OrderBy(m => m.Side).ThenBy(m => m.Name)
            .Select(m => new ProtectionWindowDetails.MemberChoice(m.Id, m.Name, m.Side)).ToListAsync(cancellationToken);
        var reviewer = w.ReviewedBy is null ? null
            : await db.Users.Where(u => u.Id == w.ReviewedBy).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? w.ReviewedBy;

        return new ProtectionWindowDetails(w.Id, w.TenantId, slug, w.Name, w.StartsAt, w.EndsAt, w.Services, w.Weight, w.Review, w.ReviewedAt, reviewer,
            clock.GetUtcNow() >= w.EndsAt, items.Count > 0, phases, byRule, byRule.Sum(r => r.Count), incidents, members);
    }
}
