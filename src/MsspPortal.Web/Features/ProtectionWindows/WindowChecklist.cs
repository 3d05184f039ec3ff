using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.ProtectionWindows;

// What each phase of a protection window is for, and the checklist a new window starts with (demo-story.md: the
// November sale). Every item is an action item of the window and its phase, owned by a member of the side that does
// the work (its chair first), due when the phase ends; the committee edits the list from there.
public static class WindowChecklist
{
    public static IReadOnlyList<ProtectionPhase> Phases { get; } = Enum.GetValues<ProtectionPhase>();

    public static string Name(ProtectionPhase phase) => phase switch
    {
        ProtectionPhase.MonthBefore => "One month before",
        ProtectionPhase.WeekBefore => "One week before",
        ProtectionPhase.During => "During the window",
        _ => "After the window",
    };

    public static string Purpose(ProtectionPhase phase) => phase switch
    {
        ProtectionPhase.MonthBefore => "Security assessment of the architecture and capacity, review of last year's attacks, a tailored plan.",
        ProtectionPhase.WeekBefore => "Stress test at 10× normal traffic, emergency drill with simulated attacks, tuned thresholds.",
        ProtectionPhase.During => "Joint live watch of MSSP and customer while alerts on the services in scope score higher.",
        _ => "Review of what happened and its business effect.",
    };

    public static IReadOnlyList<(ProtectionPhase Phase, string Title, CommitteeSide Side)> Defaults { get; } =
    [
        (ProtectionPhase.MonthBefore, "Security assessment of the architecture and capacity (servers, bandwidth)", CommitteeSide.Mssp),
        (ProtectionPhase.MonthBefore, "Review of last year's attacks during the same event", CommitteeSide.Mssp),
        (ProtectionPhase.MonthBefore, "Tailored protection plan, e.g. DDoS scrubbing and a real-time order-fraud model", CommitteeSide.Mssp),
        (ProtectionPhase.MonthBefore, "Confirm the expected traffic and the business services in scope", CommitteeSide.Customer),
        (ProtectionPhase.WeekBefore, "Stress test at 10× normal traffic", CommitteeSide.Customer),
        (ProtectionPhase.WeekBefore, "Emergency drill with simulated attacks (e.g. a 100,000 requests/s DDoS)", CommitteeSide.Mssp),
        (ProtectionPhase.WeekBefore, "Tune detection thresholds after the drill", CommitteeSide.Mssp),
        (ProtectionPhase.During, "Joint live watch: block attacking addresses, freeze fraudulent accounts", CommitteeSide.Mssp),
        (ProtectionPhase.During, "Business check-in: orders flowing, complaints, conversion", CommitteeSide.Customer),
        (ProtectionPhase.After, "Review meeting: what happened and its business effect", CommitteeSide.Customer),
        (ProtectionPhase.After, "Lessons learned into next year's plan", CommitteeSide.Mssp),
    ];

    // The day a phase's items are due: the last day of the phase (UTC).
    public static DateOnly DueOn(ProtectionWindow window, ProtectionPhase phase) =>
        DateOnly.FromDateTime(window.PhaseSpan(phase).To.AddTicks(-1).UtcDateTime);

    // Adds the default checklist to a saved window that has none yet; returns how many items were added.
    internal static async Task<int> AddDefaultsAsync(PortalDbContext db, ProtectionWindow window, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await db.ActionItems.AnyAsync(a => a.ProtectionWindowId == window.Id, cancellationToken))
        {
            return 0;
        }
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.TenantId == window.TenantId && m.Active).ToListAsync(cancellationToken);
        CommitteeMember? Owner(CommitteeSide side) => members.Where(m => m.Side == side)
            .OrderBy(m => m.Role == CommitteeRole.Chair ? 0 : m.Role == CommitteeRole.Secretary ? 1 : 2).ThenBy(m => m.Id).FirstOrDefault();
        foreach (var (phase, title, side) in Defaults)
        {
            db.ActionItems.Add(ActionItem.Raise(window.TenantId, title, Owner(side), DueOn(window, phase), at, ActionItemSource.FromWindow(window.Id, phase)));
        }
        await db.SaveChangesAsync(cancellationToken);
        return Defaults.Count;
    }
}

// What a step on a window answers: not found (another tenant's, or gone), refused with a reason, or done.
public sealed record WindowStepResult(bool Found, string? Error = null)
{
    public static WindowStepResult NotFound { get; } = new(false);

    public static WindowStepResult Done { get; } = new(true);

    public static WindowStepResult Refused(string error) => new(true, error);
}
