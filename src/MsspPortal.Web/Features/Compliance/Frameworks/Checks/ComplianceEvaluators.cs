using System.Text;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Privacy;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Checks;

// The evidence the portal already holds, one evaluator per kind of record. Each reads one tenant's records for one
// month [From, To) and says Met / Partly met / Not met with a reason that cites its counts.
public enum EvidenceSource
{
    DetectionsEnabled,
    LogSourcesReporting,
    RetentionSettings,
    NetworkLogRetention,
    IncidentsWithinSla,
    CommitteeMeetings,
    MaskingOn,
    BreachesNotifiedOnTime,
    AlertsTriagedWithinSla,
    AssetInventory,
}

public sealed record EvidenceResult(ComplianceStatus Status, string Reason);

// One month of one tenant, as UTC instants; AsOf is when the records are read up to (the month's end, or now for the
// running month).
public sealed record EvaluationWindow(Guid TenantId, DateOnly Month, DateTimeOffset From, DateTimeOffset To)
{
    public DateTimeOffset AsOf(DateTimeOffset now) => now < To ? now : To;
}

internal sealed class ComplianceEvaluators(PortalDbContext db, TimeProvider clock)
{
    // A log source is silent when nothing arrived from it for longer than this before the end of the window.
    public static readonly TimeSpan SilentAfter = TimeSpan.FromHours(24);

    // Share of items within their SLA that still counts as Partly met (below it: Not met).
    public const decimal PartlyMetShare = 0.9m;

    private readonly Dictionary<EvidenceSource, EvidenceResult> _cache = [];

    public async Task<EvidenceResult> EvaluateAsync(EvidenceSource source, EvaluationWindow window, CancellationToken cancellationToken)
    {
        // One evaluation per source per check: several controls share the same records.
        if (_cache.TryGetValue(source, out var cached))
        {
            return cached;
        }
        var result = source switch
        {
            EvidenceSource.DetectionsEnabled => await DetectionsAsync(window, cancellationToken),
            EvidenceSource.LogSourcesReporting => await LogSourcesAsync(window, cancellationToken),
            EvidenceSource.RetentionSettings => await RetentionAsync(window, RetentionFloors.PciDss, cancellationToken),
            EvidenceSource.NetworkLogRetention => await RetentionAsync(window, RetentionFloors.ChinaCsl, cancellationToken),
            EvidenceSource.IncidentsWithinSla => await IncidentsAsync(window, cancellationToken),
            EvidenceSource.CommitteeMeetings => await MeetingsAsync(window, cancellationToken),
            EvidenceSource.MaskingOn => await MaskingAsync(window, cancellationToken),
            EvidenceSource.BreachesNotifiedOnTime => await BreachesAsync(window, cancellationToken),
            EvidenceSource.AlertsTriagedWithinSla => await AlertsAsync(window, cancellationToken),
            EvidenceSource.AssetInventory => await AssetsAsync(window, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };
        _cache[source] = result;
        return result;
    }

    private async Task<EvidenceResult> DetectionsAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var rules = await RuleBook.LoadAsync(db, w.TenantId, cancellationToken);
        var enabled = rules.Where(r => r.Enabled).ToList();
        var techniques = enabled.SelectMany(r => r.Rule.Techniques).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var reason = $"{enabled.Count} of {rules.Count} detection rules enabled, covering {techniques} ATT&CK techniques";
        if (enabled.Count == 0)
        {
            return new(ComplianceStatus.NotMet, reason);
        }
        // Most rules on: Met; a set with a large share switched off is Partly met.
        return new(enabled.Count >= rules.Count * PartlyMetShare ? ComplianceStatus.Met : ComplianceStatus.PartlyMet, reason);
    }

    private async Task<EvidenceResult> LogSourcesAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var asOf = w.AsOf(clock.GetUtcNow());
        var sources = await db.LogSources.AsNoTracking().Where(s => s.TenantId == w.TenantId).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        if (sources.Count == 0)
        {
            return new(ComplianceStatus.NotMet, "no log source is set up");
        }
        var silent = new List<string>();
        foreach (var source in sources)
        {
            // The latest batch received from the source in the window (batches, not events: one row per delivery).
            var last = await db.RawBatches.AsNoTracking()
                .Where(b => b.TenantId == w.TenantId && b.LogSourceId == source.Id && b.ReceivedAt >= w.From && b.ReceivedAt < asOf)
                .OrderByDescending(b => b.ReceivedAt).Select(b => (DateTimeOffset?)b.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                silent.Add($"{source.Name} (nothing received in the month)");
            }
            else if (asOf - last.Value > SilentAfter)
            {
                silent.Add($"{source.Name} (silent for {Describe(asOf - last.Value)} at the end of the period)");
            }
        }
        var reporting = sources.Count - silent.Count;
        var reason = $"{reporting} of {sources.Count} log sources reported within {SilentAfter.TotalHours:0} h of the end of the period"
            + (silent.Count > 0 ? "; silent: " + string.Join(", ", silent) : "");
        return new(silent.Count == 0 ? ComplianceStatus.Met : reporting > 0 ? ComplianceStatus.PartlyMet : ComplianceStatus.NotMet, reason);
    }

    // The tenant's retention settings (Features/Retention) against a framework's floor, kind by kind: a kind without a
    // setting keeps its default. A setting below the floor is Not met even when a justification was recorded (the
    // justification is cited: the auditor decides on it). Settings are read as they are when the check runs.
    private async Task<EvidenceResult> RetentionAsync(EvaluationWindow w, RetentionFloor floor, CancellationToken cancellationToken)
    {
        var policies = await db.RetentionPolicies.AsNoTracking().Where(p => p.TenantId == w.TenantId)
            .Select(p => new { p.Kind, p.Months, p.Justification }).ToListAsync(cancellationToken);
        var kept = new List<string>();
        var below = new List<string>();
        foreach (var kind in floor.Kinds)
        {
            var policy = policies.FirstOrDefault(p => p.Kind == kind);
            var months = policy?.Months ?? RetentionKinds.DefaultMonths(kind);
            kept.Add($"{RetentionKinds.Label(kind).ToLowerInvariant()} {months} months{(policy is null ? " (default)" : "")}");
            if (months < floor.Months)
            {
                below.Add($"{RetentionKinds.Label(kind).ToLowerInvariant()} ({months} months{(policy?.Justification is { } why ? $", justification: {why}" : "")})");
            }
        }
        var reason = $"{floor.Source} asks for at least {floor.Months} months: " + string.Join("; ", kept)
            + (below.Count > 0 ? ". Below the floor: " + string.Join("; ", below) : "");
        return new(below.Count == 0 ? ComplianceStatus.Met : ComplianceStatus.NotMet, reason);
    }

    private async Task<EvidenceResult> IncidentsAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var asOf = w.AsOf(clock.GetUtcNow());
        // Closed in the window, and still open at its end with the resolve deadline passed.
        var closed = await db.Incidents.AsNoTracking()
            .Where(i => i.TenantId == w.TenantId && i.ClosedAt >= w.From && i.ClosedAt < w.To)
            .Select(i => new { i.ResolveDueAt, i.ClosedAt, i.ClockPausedAt }).ToListAsync(cancellationToken);
        var overdueOpen = await db.Incidents.AsNoTracking()
            .Where(i => i.TenantId == w.TenantId && i.OpenedAt < asOf && (i.ClosedAt == null || i.ClosedAt >= w.To) && i.ResolveDueAt != null && i.ResolveDueAt < asOf && i.ClockPausedAt == null)
            .CountAsync(cancellationToken);
        var within = closed.Count(i => SlaClock.Met(i.ResolveDueAt, i.ClosedAt, asOf, i.ClockPausedAt) != false);
        var over = closed.Count - within + overdueOpen;
        var reason = $"{closed.Count} incidents closed in the month, {within} within their resolve SLA; {overdueOpen} open past their deadline at the end of the period";
        return new(Share(within, within + over), reason);
    }

    private async Task<EvidenceResult> MeetingsAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var held = await db.Meetings.AsNoTracking().Where(m => m.TenantId == w.TenantId && m.HeldAt >= w.From && m.HeldAt < w.To)
            .Select(m => m.Kind).ToListAsync(cancellationToken);
        var reason = held.Count == 0
            ? "no joint-committee meeting held in the month"
            : $"{held.Count} joint-committee meetings held in the month ({string.Join(", ", held.GroupBy(k => k).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"))})";
        return new(held.Count > 0 ? ComplianceStatus.Met : ComplianceStatus.NotMet, reason);
    }

    private async Task<EvidenceResult> MaskingAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var settings = await db.PrivacySettings.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == w.TenantId, cancellationToken);
        var policy = settings?.ToPolicy() ?? MaskingPolicy.TenantDefault;
        var masked = await db.RawBatches.AsNoTracking().Where(b => b.TenantId == w.TenantId && b.ReceivedAt >= w.From && b.ReceivedAt < w.To)
            .SumAsync(b => b.MaskedValues, cancellationToken);
        var reason = new StringBuilder()
            .Append("card numbers ").Append(Mode(policy.Cards)).Append(", resident ids ").Append(Mode(policy.ResidentIds))
            .Append(", e-mail addresses ").Append(Mode(policy.Emails)).Append(", phone numbers ").Append(Mode(policy.Phones))
            .Append(" at ingestion").Append(settings is null ? " (tenant default)" : "").Append("; ").Append(masked).Append(" values masked in the month")
            .ToString();
        return new(policy.Cards is null ? ComplianceStatus.NotMet : ComplianceStatus.Met, reason);
    }

    private async Task<EvidenceResult> BreachesAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var asOf = w.AsOf(clock.GetUtcNow());
        var breaches = await db.PersonalDataBreaches.AsNoTracking().Include(b => b.Notifications)
            .Where(b => b.TenantId == w.TenantId && b.DetectedAt < w.To).ToListAsync(cancellationToken);
        // Only notifications recorded by the end of the period count: the check does not see the future.
        var clocks = breaches.SelectMany(b => BreachClocks.For(new BreachTimeline(b.Regimes, b.CriticalInformationInfrastructure, b.CaliforniaResidents,
            b.DetectedAt, b.TenantNotifiedAt < asOf ? b.TenantNotifiedAt : null, b.TenantAwareAt < asOf ? b.TenantAwareAt : null,
            b.Notifications.Where(n => n.At < asOf).GroupBy(n => n.Recipient).ToDictionary(g => g.Key, g => g.Min(n => n.At))), asOf)).ToList();
        var missed = clocks.Count(c => c.State == BreachClockState.Missed);
        var met = clocks.Count(c => c.State == BreachClockState.Met);
        var running = clocks.Count(c => c.State is BreachClockState.Running or BreachClockState.NotStarted);
        var reason = breaches.Count == 0
            ? "no personal-data breach in the register"
            : $"{breaches.Count} breaches in the register: {met} notification deadlines met, {missed} missed, {running} still running";
        return new(missed > 0 ? ComplianceStatus.NotMet : ComplianceStatus.Met, reason);
    }

    private async Task<EvidenceResult> AlertsAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var asOf = w.AsOf(clock.GetUtcNow());
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == w.TenantId && a.MergedIntoId == null && a.DetectedAt >= w.From && a.DetectedAt < w.To && a.AcknowledgeDueAt != null)
            .Select(a => new { a.AcknowledgeDueAt, a.AcknowledgedAt, a.ClockPausedAt }).ToListAsync(cancellationToken);
        var within = alerts.Count(a => SlaClock.Met(a.AcknowledgeDueAt, a.AcknowledgedAt, asOf, a.ClockPausedAt) != false);
        var reason = $"{alerts.Count} alerts raised in the month with an acknowledge SLA, {within} triaged within it";
        return new(Share(within, alerts.Count), reason);
    }

    private async Task<EvidenceResult> AssetsAsync(EvaluationWindow w, CancellationToken cancellationToken)
    {
        var assets = await db.Assets.AsNoTracking().CountAsync(a => a.TenantId == w.TenantId, cancellationToken);
        var linked = await db.Assets.AsNoTracking().CountAsync(a => a.TenantId == w.TenantId && a.BusinessServiceId != null, cancellationToken);
        var sources = await db.LogSources.AsNoTracking().CountAsync(s => s.TenantId == w.TenantId, cancellationToken);
        var reason = $"{assets} assets in the inventory, {linked} linked to a business service; {sources} log sources";
        return new(assets == 0 ? ComplianceStatus.NotMet : linked == assets ? ComplianceStatus.Met : ComplianceStatus.PartlyMet, reason);
    }

    // All within: Met; at least 90%: Partly met; fewer: Not met. Nothing to measure counts as Met (nothing was late).
    private static ComplianceStatus Share(int within, int total) =>
        within == total ? ComplianceStatus.Met : within >= total * PartlyMetShare ? ComplianceStatus.PartlyMet : ComplianceStatus.NotMet;

    private static string Mode(MaskMode? mode) => mode is { } m ? m.ToString().ToLowerInvariant() switch
    {
        "truncate" => "truncated",
        "pseudonymize" => "pseudonymised",
        "redact" => "redacted",
        var other => other,
    } : "not masked";

    public static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
}
