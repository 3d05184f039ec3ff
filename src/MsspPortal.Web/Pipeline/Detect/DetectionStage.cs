using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Scoring;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Ingestion's detection step. Idempotent per chunk: a cursor per tenant records the last event id evaluated, so a
// retried chunk is skipped before it reaches the engine's windows, and alerts merge by dedup key.
internal sealed class DetectionStage(PortalDbContext db, DetectionRuntime runtime, TenantProfileLoader loader, TimeProvider clock, ITenantContext tenant,
    Microsoft.Extensions.Options.IOptions<DetectionOptions> options)
    : IDetectionStage
{
    public async ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        var cursor = await CursorAsync(tenantId, cancellationToken);
        var last = cursor?.LastEventId ?? 0;
        var fresh = events.Where(e => e.EventId <= 0 || e.EventId > last).ToList();
        if (fresh.Count == 0)
        {
            return new DetectionOutcome(0, 0);
        }

        var (profile, catalog) = await ContextAsync(tenantId, cancellationToken);
        started = IngestionTimings.Add(IngestionPhase.DetectionContext, started);
        var evaluated = Evaluate(tenantId, fresh);
        var triggeredBy = evaluated.TriggeredBy.ConvertAll(i => fresh[i].EventId);
        return await ApplyAsync(tenantId, cursor, fresh.Max(e => e.EventId), evaluated.Detections, triggeredBy, profile, catalog, cancellationToken);
    }

    // The cursor and the tenant's rules (the engine's rule set comes with the profile) before the events are evaluated.
    public async ValueTask<Func<EvaluatedEvents>?> PrepareAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        await CursorAsync(tenantId, cancellationToken);
        await ContextAsync(tenantId, cancellationToken);
        IngestionTimings.Add(IngestionPhase.DetectionContext, started);
        return () => Evaluate(tenantId, events);
    }

    public async ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, EvaluatedEvents? evaluated,
        CancellationToken cancellationToken)
    {
        if (evaluated is null)
        {
            return await ProcessAsync(tenantId, events, cancellationToken);
        }
        var cursor = await CursorAsync(tenantId, cancellationToken);
        var last = cursor?.LastEventId ?? 0;
        if (!events.Any(e => e.EventId <= 0 || e.EventId > last))
        {
            return new DetectionOutcome(0, 0);
        }
        // The events were inserted in this unit of work, so their ids are above the cursor; should one not be, its
        // detections are dropped rather than raised twice.
        var detections = new List<DetectionResult>(evaluated.Detections.Count);
        var triggeredBy = new List<long>(evaluated.Detections.Count);
        for (var i = 0; i < evaluated.Detections.Count; i++)
        {
            var id = events[evaluated.TriggeredBy[i]].EventId;
            if (id <= 0 || id > last)
            {
                detections.Add(evaluated.Detections[i]);
                triggeredBy.Add(id);
            }
        }
        var newest = events.Max(e => e.EventId);
        var (profile, catalog) = await ContextAsync(tenantId, cancellationToken);
        return await ApplyAsync(tenantId, cursor, newest, detections, triggeredBy, profile, catalog, cancellationToken);
    }

    // Pure code over the engine's windows (locked per tenant): no database, no ids.
    private EvaluatedEvents Evaluate(Guid tenantId, IReadOnlyList<DetectionInput> events)
    {
        var started = IngestionTimings.Now;
        var evaluated = new EvaluatedEvents();
        runtime.Engine.Evaluate(tenantId, events, static input => input.Event, evaluated.Detections, evaluated.TriggeredBy);
        IngestionTimings.Add(IngestionPhase.DetectionEngine, started);
        return evaluated;
    }

    private async ValueTask<DetectionOutcome> ApplyAsync(Guid tenantId, DetectionCursor? cursor, long newest, List<DetectionResult> detections,
        List<long> triggeredBy, TenantProfile profile, AttackCatalog catalog, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        var alertsStarted = started;
        var writer = new Writer(db, runtime, _linkCounts, _openAlerts, tenantId, profile, catalog, clock.GetUtcNow(), options.Value.MaxNewAlertsPerRulePerHour);
        var scored = await writer.ApplyAsync(detections, triggeredBy, cancellationToken);
        var entityRisk = scored.SelectMany(runtime.EntityRisk.Add).ToList();
        if (entityRisk.Count > 0)
        {
            await writer.ApplyAsync(entityRisk, [], cancellationToken);
        }

        if (cursor is null)
        {
            cursor = new DetectionCursor(tenantId, newest);
            db.DetectionCursors.Add(cursor);
        }
        else
        {
            cursor.MoveTo(newest);
        }
        _cursor = cursor;
        var step = IngestionTimings.Add(IngestionPhase.AlertsMerge, started);
        // Alerts, their event links and the cursor commit together (the chunk's transaction), so a crash re-runs the whole chunk.
        var history = AlertHistoryRows.TakeNew(db, tenant);
        // The open alerts this batch already knew are not tracked: what changed in them is written here.
        _openAlerts.Untracked.Write(db, tenant, writer.Alerts, history);
        var part = IngestionTimings.Add(IngestionPhase.SaveTake, step);
        if (history is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false; // changes were detected when the history rows were taken
            try
            {
                AlertUpdates.Write(db, tenant);
                NewAlerts.Insert(db, tenant);
                part = IngestionTimings.Add(IngestionPhase.SaveUpdates, part);
                // Most chunks leave EF nothing to save (no new alert, contribution or suppression count), and an
                // empty save still walked the tracker and its batch pipeline (0.1 s per 1M bench events).
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                part = IngestionTimings.Add(IngestionPhase.SaveEf, part);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
            history.Insert(db);
            IngestionTimings.Add(IngestionPhase.SaveHistory, part);
        }
        step = IngestionTimings.Add(IngestionPhase.AlertsSave, step);
        writer.Keep();
        await AlertEventLinks.InsertAsync(db, tenant, writer.PendingLinks, cancellationToken);
        foreach (var (alert, _) in writer.PendingLinks)
        {
            _linkCounts[alert.Id] = _linkCounts.GetValueOrDefault(alert.Id) + 1;
        }
        IngestionTimings.Add(IngestionPhase.AlertsLinks, step);
        IngestionTimings.Add(IngestionPhase.DetectionAlerts, alertsStarted);
        return new DetectionOutcome(writer.Raised, writer.Updated);
    }

    // The tenant's rules, intel, assets and the ATT&amp;CK catalog, checked against the database once per batch
    // (this stage lives as long as the batch's scope) and at most every few seconds: four stamp queries per chunk
    // were a tenth of the detection stage. A rule edited in the portal applies from the next batch.
    private async Task<(TenantProfile Profile, AttackCatalog Catalog)> ContextAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_context is { } cached && cached.TenantId == tenantId && now - cached.LoadedAt < ContextReuse)
        {
            return (cached.Profile, cached.Catalog);
        }
        var profile = await loader.GetAsync(tenantId, cancellationToken);
        var catalog = await loader.CatalogAsync(cancellationToken);
        _context = new StageContext(tenantId, profile, catalog, now);
        return (profile, catalog);
    }

    private static readonly TimeSpan ContextReuse = TimeSpan.FromSeconds(5);

    // The tenant's cursor as this batch last saved it: the batch holds the tenant's detection (DetectionOwner), so no
    // one else moves it meanwhile, and reading it again for every chunk cost a query each.
    private async Task<DetectionCursor?> CursorAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (_cursor is { } known && known.TenantId == tenantId)
        {
            db.DetectionCursors.Attach(known);
            return known;
        }
        _cursor = null;
        return await db.DetectionCursors.FirstOrDefaultAsync(c => c.TenantId == tenantId, cancellationToken);
    }

    private DetectionCursor? _cursor;

    // What a rolled-back attempt left in memory: link counts (alert ids may even be reused), cached alerts, cursor.
    public void Discard()
    {
        _linkCounts.Clear();
        _openAlerts.Clear();
        _cursor = null;
    }

    // The tenant's open alerts this batch has read or raised, by dedup key (null: the key has no open alert), kept
    // across the batch's chunks: reading them again for every chunk of 3,000 lines was most of the cost of merging
    // detections into alerts. Detached after each chunk's commit, attached again when a later chunk needs them. An
    // analyst's change to one of them during the batch (a second or two) is seen from the next batch on.
    private readonly AlertCache _openAlerts = new();

    // Event links per alert, as stored: read once per alert in this batch, then kept up to date with the links this
    // stage writes. The stage lives as long as the batch's scope, and a failed chunk ends the batch with it.
    private readonly Dictionary<long, int> _linkCounts = [];

    private StageContext? _context;

    private sealed record StageContext(Guid TenantId, TenantProfile Profile, AttackCatalog Catalog, DateTimeOffset LoadedAt);

    private sealed class Writer(PortalDbContext db, DetectionRuntime runtime, Dictionary<long, int> batchLinkCounts, AlertCache cache, Guid tenantId,
        TenantProfile profile, AttackCatalog catalog, DateTimeOffset now, int hourlyBudget)
    {
        private readonly DateTimeOffset _hour = AlertDeduplication.HourOf(now);
        private readonly Dictionary<string, Alert> _byKey = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Alert, HashSet<long>> _linked = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<(Alert, Alert)> _contributions = [];
        private readonly Dictionary<long, AlertSuppression?> _suppressions = [];

        public int Raised { get; private set; }

        // The alerts this chunk raised or changed (and the open ones it only looked at).
        public IEnumerable<Alert> Alerts => _byKey.Values.Distinct(ReferenceEqualityComparer.Instance).Cast<Alert>();

        public List<(Alert Alert, long EventId)> PendingLinks { get; } = [];

        public int Updated { get; private set; }

        public int Suppressed { get; private set; }

        public async Task<List<ScoredAlert>> ApplyAsync(List<DetectionResult> detections, IReadOnlyList<long> triggeredBy, CancellationToken cancellationToken)
        {
            var scored = new List<ScoredAlert>();
            if (detections.Count == 0)
            {
                return scored;
            }
            var drafts = AlertDeduplication.Collapse(detections);
            var reads = IngestionTimings.Now;
            await LoadOpenAlertsAsync(drafts.Select(d => d.AlertKey).Concat(detections.SelectMany(d => d.ContributingAlertKeys)), cancellationToken);
            var linkCounts = await LinkCountsAsync(cancellationToken);
            if (detections.Any(d => d.ContributingAlertKeys.Count > 0))
            {
                await LoadContributionsAsync(cancellationToken);
            }
            IngestionTimings.Add(IngestionPhase.AlertsReads, reads);
            var detectionsByKey = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < detections.Count; i++)
            {
                if (!detectionsByKey.TryGetValue(detections[i].AlertKey, out var list))
                {
                    list = [];
                    detectionsByKey[detections[i].AlertKey] = list;
                }
                list.Add(i);
            }

            foreach (var draft in drafts)
            {
                var detection = draft.Latest;
                var asset = profile.Assets.Match(detection.Entities);
                var intel = draft.First.IntelConfidence ?? detection.IntelConfidence;
                var score = AlertScoring.Score(detection.BaseRisk, draft.LastSeen, asset, intel, detection.Techniques, profile.Windows, catalog);

                var alert = _byKey.GetValueOrDefault(draft.AlertKey);
                if (alert is not null && AlertDeduplication.Extends(draft.First, alert.LastSeen))
                {
                    alert.AddEvents(draft.EventCount, draft.LastSeen, now);
                    if (score.Value > alert.RiskScore)
                    {
                        alert.Rescore(score.Value, score.Explanation, now, "A later detection scored higher", AlertScoring.FactorsJson(score));
                    }
                    Updated++;
                }
                else if (Suppression(detection) is { } suppressionId)
                {
                    // An analyst suppressed this rule for this entity: no alert, but the detection is counted there.
                    await CatchAsync(suppressionId, draft.EventCount, cancellationToken);
                    Suppressed++;
                    continue;
                }
                else if (await MayRaiseAsync(detection.RuleId, cancellationToken))
                {
                    alert = Raise(draft, score, asset, intel);
                    _byKey[draft.AlertKey] = alert;
                    Raised++;
                }
                else
                {
                    // Over the rule's hourly budget: counted on the burst summary, no alert of its own. Its risk still
                    // adds up on its entities, so an address in the storm is not forgotten by entity risk.
                    alert = await FoldAsync(draft, score, asset, intel, cancellationToken);
                    Link(alert, draft, detectionsByKey, detections, triggeredBy, linkCounts);
                    scored.Add(new ScoredAlert(tenantId, draft.AlertKey, draft.LastSeen, score.Value, detection.Entities) { Techniques = detection.Techniques });
                    continue;
                }
                Link(alert, draft, detectionsByKey, detections, triggeredBy, linkCounts);
                Contribute(alert, detection);
                scored.Add(new ScoredAlert(tenantId, draft.AlertKey, draft.LastSeen, alert.RiskScore, detection.Entities) { Techniques = detection.Techniques });
            }
            return scored;
        }

        private long? Suppression(DetectionResult detection)
        {
            foreach (var s in profile.Suppressions)
            {
                if (s.Until > now && string.Equals(s.RuleId, detection.RuleId, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(s.Value, s.Field switch
                    {
                        SuppressionField.SourceIp => detection.Entities.SourceIp,
                        SuppressionField.UserName => detection.Entities.UserName,
                        SuppressionField.HostName => detection.Entities.HostName,
                        _ => null,
                    }, StringComparison.OrdinalIgnoreCase))
                {
                    return s.Id;
                }
            }
            return null;
        }

        // Counted in the same unit of work as the chunk's alerts, so a retried chunk does not count twice.
        private async Task CatchAsync(long suppressionId, int events, CancellationToken cancellationToken)
        {
            if (!_suppressions.TryGetValue(suppressionId, out var row))
            {
                row = await db.AlertSuppressions.FirstOrDefaultAsync(s => s.Id == suppressionId, cancellationToken);
                _suppressions[suppressionId] = row;
            }
            row?.Caught(events, now);
        }

        private async Task<bool> MayRaiseAsync(string ruleId, CancellationToken cancellationToken)
        {
            var counted = cache.RaisedThisHour;
            if (!counted.TryGetValue((ruleId, _hour), out var raised))
            {
                // Counted in the database, not in memory: several workers and restarts share one budget.
                var hour = _hour;
                raised = await db.Alerts.CountAsync(
                    a => a.TenantId == tenantId && a.DetectedAt >= hour && a.RuleId == ruleId && a.SuppressedCount == 0, cancellationToken);
            }
            var allowed = raised < hourlyBudget;
            counted[(ruleId, _hour)] = allowed ? raised + 1 : raised;
            return allowed;
        }

        private async Task<Alert> FoldAsync(AlertDraft draft, RiskScore score, AssetInfo? asset, int? intel, CancellationToken cancellationToken)
        {
            var detection = draft.Latest;
            var key = AlertDeduplication.SummaryKeyOf(detection.RuleId, _hour);
            await LoadOpenAlertsAsync([key], cancellationToken);
            if (_byKey.GetValueOrDefault(key) is { IsOpen: true } summary)
            {
                summary.Fold(draft.EventCount, draft.LastSeen, now);
                if (score.Value > summary.RiskScore)
                {
                    summary.Rescore(score.Value, score.Explanation, now, "A later detection scored higher", AlertScoring.FactorsJson(score));
                }
                Updated++;
                return summary;
            }
            // About the storm, not one entity: the folded detections name many.
            summary = Raise(draft, score, asset, intel,
                Truncate($"Burst: {detection.RuleId} raised {hourlyBudget} alerts this hour; further detections are counted here", 200),
                facts => facts with { DedupKey = key, SourceIp = null, DestinationIp = null, UserName = null, HostName = null, SuppressedCount = 1 });
            _byKey[key] = summary;
            Raised++;
            return summary;
        }

        private Alert Raise(AlertDraft draft, RiskScore score, AssetInfo? asset, int? intel, string? title = null, Func<AlertFacts, AlertFacts>? adjust = null)
        {
            var detection = draft.Latest;
            var facts = new AlertFacts
            {
                DedupKey = Truncate(draft.AlertKey, 400),
                RuleAuthor = profile.Rules.GetValueOrDefault(detection.RuleId)?.Author ?? Core.Detection.RuleProvenance.BuiltIn.Author,
                BaseRisk = detection.BaseRisk,
                IntelConfidence = intel,
                RiskBreakdown = Truncate(score.Explanation, 2000),
                RiskFactors = AlertScoring.FactorsJson(score),
                Techniques = Truncate(string.Join(',', detection.Techniques), 200),
                SourceIp = detection.Entities.SourceIp,
                DestinationIp = detection.Entities.DestinationIp,
                UserName = detection.Entities.UserName,
                HostName = detection.Entities.HostName,
                AssetId = asset?.Id,
                EventCount = draft.EventCount,
                FirstSeen = draft.FirstSeen,
                LastSeen = draft.LastSeen,
            };
            var severity = AlertScoring.ToAlertSeverity(detection.Severity);
            facts = facts with { Sla = profile.Sla.TryGetValue(severity, out var sla) ? sla : null };
            var alert = Alert.Raise(tenantId, detection.RuleId, title ?? Truncate(detection.RuleTitle, 200),
                severity, score.Value, now, adjust is null ? facts : adjust(facts));
            db.Alerts.Add(alert);
            return alert;
        }

        private void Link(Alert alert, AlertDraft draft, Dictionary<string, List<int>> detectionsByKey, List<DetectionResult> detections,
            IReadOnlyList<long> triggeredBy, Dictionary<long, int> linkCounts)
        {
            if (triggeredBy.Count == 0 || !detectionsByKey.TryGetValue(draft.AlertKey, out var indexes))
            {
                return;
            }
            // Our own bookkeeping, not DbSet.Local: Local runs DetectChanges over every tracked row on each access,
            // which made a chunk with many alerts quadratic.
            if (!_linked.TryGetValue(alert, out var linked))
            {
                linked = [];
                _linked[alert] = linked;
            }
            var count = (alert.Id == 0 ? 0 : linkCounts.GetValueOrDefault(alert.Id)) + linked.Count;
            foreach (var i in indexes)
            {
                if (count >= AlertEvent.MaxPerAlert)
                {
                    break;
                }
                var d = detections[i];
                if (triggeredBy[i] > 0 && d.EventTime >= draft.First.EventTime && d.EventTime <= draft.LastSeen && linked.Add(triggeredBy[i]))
                {
                    // Written after the alerts are saved (new alerts have no id before): many per chunk, so in bulk.
                    PendingLinks.Add((alert, triggeredBy[i]));
                    count++;
                }
            }
        }

        private void Contribute(Alert alert, DetectionResult detection)
        {
            foreach (var key in detection.ContributingAlertKeys.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                // A pair saved by an earlier chunk is known by ids (the unique index would refuse it and fail the chunk).
                if (_byKey.GetValueOrDefault(key) is { } contributor && contributor != alert
                    && !(alert.Id != 0 && contributor.Id != 0 && cache.SavedContributions.Contains((alert.Id, contributor.Id)))
                    && _contributions.Add((alert, contributor)))
                {
                    // Saved alerts by id: EF does not track them (UntrackedAlerts), and a navigation would make it add them.
                    var contribution = new AlertContribution { TenantId = tenantId };
                    if (alert.Id != 0)
                    {
                        contribution.AlertId = alert.Id;
                    }
                    else
                    {
                        contribution.Alert = alert;
                    }
                    if (contributor.Id != 0)
                    {
                        contribution.ContributorId = contributor.Id;
                    }
                    else
                    {
                        contribution.Contributor = contributor;
                    }
                    db.AlertContributions.Add(contribution);
                }
            }
        }

        private async Task LoadOpenAlertsAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
        {
            var missing = new List<string>();
            foreach (var key in keys.Where(k => !_byKey.ContainsKey(k)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!cache.TryGet(key, out var known))
                {
                    missing.Add(key);
                }
                else if (known is not null)
                {
                    _byKey[key] = known; // not attached: UntrackedAlerts writes what this chunk changes in it
                }
            }
            if (missing.Count == 0)
            {
                return;
            }
            // One JSON parameter (json_each / OPENJSON) instead of one parameter per key: the same SQL text whatever the
            // key count; measured 0.63 -> 0.50 s per 1M bench events on SQLite.
            var open = await db.Alerts.AsNoTracking()
                .Where(a => a.TenantId == tenantId && a.DedupKey != null && EF.Parameter(missing).Contains(a.DedupKey)
                    && a.Status != AlertStatus.Resolved)
                .ToListAsync(cancellationToken);
            foreach (var alert in open.OrderBy(a => a.LastSeen))
            {
                _byKey[alert.DedupKey!] = alert; // the latest open alert of a key wins
            }
            foreach (var alert in open.Where(a => ReferenceEquals(_byKey[a.DedupKey!], a)))
            {
                cache.Untracked.Saved(db, alert);
            }
            foreach (var key in missing.Where(k => !_byKey.ContainsKey(k)))
            {
                cache.Remember(key, null);
            }
        }

        // After the chunk's alerts are saved: what the next chunk of the batch may reuse.
        public void Keep()
        {
            // Let go of the alerts EF saved (the new ones; off SQLite all): kept untracked from here on like the rest.
            // Forgetting the saved history of an alert EF still tracks made its next save delete those rows (the
            // links' save, off SQLite: every raised alert lost its history there).
            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var savedByEf = new HashSet<Alert>(ReferenceEqualityComparer.Instance);
            try
            {
                foreach (var entry in db.ChangeTracker.Entries<Alert>().ToList())
                {
                    savedByEf.Add(entry.Entity);
                    entry.State = EntityState.Detached;
                }
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
            foreach (var (key, alert) in _byKey)
            {
                alert.ForgetSavedHistory();
                if (alert.IsOpen && alert.Id != 0 && cache.Remember(key, alert))
                {
                    if (savedByEf.Contains(alert) || !cache.Untracked.Knows(alert))
                    {
                        cache.Untracked.Saved(db, alert); // EF saved it (raised in this chunk): its values are the database's now
                    }
                }
                else
                {
                    cache.Remember(key, null);
                    cache.Untracked.Forget(alert);
                }
            }
            foreach (var (alert, contributor) in _contributions)
            {
                cache.SavedContributions.Add((alert.Id, contributor.Id));
            }
        }

        private async Task LoadContributionsAsync(CancellationToken cancellationToken)
        {
            // Saved pairs of an alert are read once per batch: this batch's later pairs are added as they are made.
            var ids = _byKey.Values.Where(a => a.Id != 0 && cache.ContributionsRead.Add(a.Id)).Select(a => a.Id).ToList();
            if (ids.Count > 0)
            {
                var pairs = await db.AlertContributions.Where(c => EF.Parameter(ids).Contains(c.AlertId))
                    .Select(c => new { c.AlertId, c.ContributorId }).ToListAsync(cancellationToken);
                cache.SavedContributions.UnionWith(pairs.Select(p => (p.AlertId, p.ContributorId)));
            }
        }

        private async Task<Dictionary<long, int>> LinkCountsAsync(CancellationToken cancellationToken)
        {
            var ids = new List<long>();
            foreach (var alert in _byKey.Values.Where(a => a.Id != 0 && !batchLinkCounts.ContainsKey(a.Id)))
            {
                if (runtime.LinksFull.ContainsKey(alert.Id))
                {
                    batchLinkCounts[alert.Id] = AlertEvent.MaxPerAlert; // a flood's alerts get here quickly: no query for them
                }
                else
                {
                    ids.Add(alert.Id);
                }
            }
            if (ids.Count > 0)
            {
                // One JSON parameter, as for the open alerts: a list of ids made new SQL for every count of ids.
                var stored = await db.AlertEvents.Where(e => EF.Parameter(ids).Contains(e.AlertId)).GroupBy(e => e.AlertId)
                    .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
                foreach (var id in ids)
                {
                    var count = stored.GetValueOrDefault(id);
                    batchLinkCounts[id] = count;
                    if (count >= AlertEvent.MaxPerAlert)
                    {
                        runtime.LinksFull.TryAdd(id, 0);
                    }
                }
            }
            return batchLinkCounts;
        }

        private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
    }
}

// Open alerts by dedup key for one batch (see DetectionStage._openAlerts); a null entry means "none open".
internal sealed class AlertCache
{
    // A batch of 100,000 lines touches a few hundred keys; a flood of distinct keys stops being cached past this.
    private const int MaxKeys = 20_000;

    private readonly Dictionary<string, Alert?> _byKey = new(StringComparer.OrdinalIgnoreCase);

    // Contribution pairs known to be saved, and the alerts whose saved pairs were read.
    public HashSet<(long AlertId, long ContributorId)> SavedContributions { get; } = [];

    public HashSet<long> ContributionsRead { get; } = [];

    // Alerts raised per rule and hour: counted in the database at a rule's first detection of the batch in that hour,
    // then kept up to date with this batch's raises (the batch owns the tenant's detection, so no one else raises
    // them meanwhile). A count query per rule per chunk was a fifth of merging's reads.
    public Dictionary<(string RuleId, DateTimeOffset Hour), int> RaisedThisHour { get; } = [];

    // The saved values of the cached alerts, which EF does not track.
    public UntrackedAlerts Untracked { get; } = new();

    public bool TryGet(string key, out Alert? alert) => _byKey.TryGetValue(key, out alert);

    // False when the cache is full: the alert is not kept (nor its saved values).
    public bool Remember(string key, Alert? alert)
    {
        if (_byKey.Count >= MaxKeys && !_byKey.ContainsKey(key))
        {
            return false;
        }
        if (_byKey.TryGetValue(key, out var previous) && previous is not null && !ReferenceEquals(previous, alert))
        {
            Untracked.Forget(previous);
        }
        _byKey[key] = alert;
        return true;
    }

    public void Clear()
    {
        _byKey.Clear();
        Untracked.Clear();
        SavedContributions.Clear();
        ContributionsRead.Clear();
        RaisedThisHour.Clear();
    }
}
