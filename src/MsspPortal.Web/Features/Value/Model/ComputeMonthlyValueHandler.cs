using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Model;

// The value model's calculator: every ValueKeys figure of one tenant and month (docs/value-model.md gives each formula).
// Reads records only; writes nothing. Every query names the tenant as well, because the caller's tenant scope (an
// analyst's) may hold several.
internal sealed class ComputeMonthlyValueHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ComputeMonthlyValue, ValueFigures>
{
    // Minutes of analyst work one triaged alert stands for, per severity, until contracts state their own time
    // standards: the MSSP's planning figures (a low alert is a quick look, a critical one a short investigation).
    public static readonly IReadOnlyDictionary<AlertSeverity, int> TimeStandardMinutes = new Dictionary<AlertSeverity, int>
    {
        [AlertSeverity.Low] = 15,
        [AlertSeverity.Medium] = 30,
        [AlertSeverity.High] = 60,
        [AlertSeverity.Critical] = 120,
    };

    // The event category of business transactions (card authorisations, orders) that the fraud rate is read over.
    public const string BusinessCategory = "business";

    private const string NotCaused = "reported by the tenant; not claimed as caused by security";

    public async ValueTask<ValueFigures> Handle(ComputeMonthlyValue query, CancellationToken cancellationToken)
    {
        var tenantId = query.TenantId;
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new KeyNotFoundException($"Tenant {tenantId} is not in reach.");
        var window = MonthWindow.Of(query.Year, query.Month, tenant.TimeZone);
        var (from, to) = (window.From, window.To);
        var now = clock.GetUtcNow();
        var links = new Links(tenant.Slug, window);
        var money = tenant.Currency;

        var profile = await db.BusinessProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenantId, cancellationToken);
        var baseline = profile?.Baseline ?? new ValueBaseline();
        var set = await db.ValueAssumptionSets.AsNoTracking().Include(s => s.Assumptions)
            .Where(s => s.TenantId == tenantId).OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        var inputs = new Inputs(set, money);

        var services = await db.BusinessServices.AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => new ServiceRow(s.Id, s.Name, s.DowntimeCostPerHour)).ToListAsync(cancellationToken);
        var serviceById = services.ToDictionary(s => s.Id);
        var serviceOfAsset = await db.Assets.AsNoTracking().Where(a => a.TenantId == tenantId && a.BusinessServiceId != null)
            .ToDictionaryAsync(a => a.Id, a => a.BusinessServiceId!.Value, cancellationToken);
        var costliest = services.OrderByDescending(s => s.DowntimeCostPerHour).ThenBy(s => s.Id).FirstOrDefault();
        var catalog = await CatalogAsync(cancellationToken);

        var figures = new List<ValueFigure>();

        // ---- Alerts resolved in the month, and who resolved them (the history row that moved each to Resolved).
        var resolved = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.MergedIntoId == null && a.Status == AlertStatus.Resolved && a.ResolvedAt >= from && a.ResolvedAt < to)
            .Select(a => new ResolvedAlert(a.Id, a.Severity, a.Disposition, a.Techniques, a.AssetId, a.IncidentId, a.ResolvedAt!.Value))
            .ToListAsync(cancellationToken);
        var resolvedTo = nameof(AlertStatus.Resolved);
        var resolutions = await db.AlertHistory.AsNoTracking()
            .Where(h => h.TenantId == tenantId && h.Field == "Status" && h.To == resolvedTo && h.At >= from && h.At < to)
            .Select(h => new { h.AlertId, h.UserId, h.At })
            .ToListAsync(cancellationToken);
        var resolverOf = resolutions.GroupBy(h => h.AlertId).ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.At).First());
        bool ByPerson(ResolvedAlert a) => resolverOf.TryGetValue(a.Id, out var h) && h.UserId is not null;

        // ---- Incidents closed in the month, with their alerts.
        var closed = await db.Incidents.AsNoTracking()
            .Where(i => i.TenantId == tenantId && i.Status == IncidentStatus.Closed && i.ClosedAt >= from && i.ClosedAt < to)
            .Select(i => new ClosedIncident(i.Id, i.Title, i.BusinessServiceId, i.DowntimeMinutes, i.ActualLoss))
            .ToListAsync(cancellationToken);
        var closedIds = closed.Select(i => i.Id).ToList();
        var incidentAlerts = (await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.IncidentId != null && closedIds.Contains(a.IncidentId.Value))
            .Select(a => new { a.Id, IncidentId = a.IncidentId!.Value, a.Techniques, a.Disposition, a.MergedIntoId, a.AssetId })
            .ToListAsync(cancellationToken)).ToLookup(a => a.IncidentId);

        // ---- Attacks stopped: true positives resolved in the month, plus incidents closed in the month none of whose
        // alerts is already counted (an incident of nothing but false alarms is not an attack).
        var stopped = new List<(StoppedAttack Attack, long? ServiceId)>();
        var noTechnique = 0;
        var fallbackService = 0;
        var truePositives = resolved.Where(a => a.Disposition == AlertDisposition.TruePositive).ToList();
        var counted = truePositives.Select(a => a.Id).ToHashSet();
        foreach (var alert in truePositives)
        {
            var stage = KillChain.Furthest(alert.Techniques, catalog);
            noTechnique += stage is null ? 1 : 0;
            var serviceId = alert.AssetId is { } assetId && serviceOfAsset.TryGetValue(assetId, out var s) ? s : (long?)null;
            stopped.Add(Attack(stage ?? KillChainStage.Delivery, serviceId));
        }
        var incidentsCounted = 0;
        foreach (var incident in closed)
        {
            var alerts = incidentAlerts[incident.Id].Where(a => a.MergedIntoId == null).ToList();
            if (alerts.Any(a => counted.Contains(a.Id))
                || (alerts.Count > 0 && alerts.All(a => a.Disposition is AlertDisposition.FalsePositive or AlertDisposition.BenignTruePositive)))
            {
                continue;
            }
            incidentsCounted++;
            var stage = alerts.Select(a => KillChain.Furthest(a.Techniques, catalog)).Max();
            noTechnique += stage is null ? 1 : 0;
            var serviceId = incident.BusinessServiceId is { } recorded && serviceById.ContainsKey(recorded) ? recorded
                : alerts.Select(a => a.AssetId is { } id && serviceOfAsset.TryGetValue(id, out var s) ? s : (long?)null).FirstOrDefault(s => s is not null);
            stopped.Add(Attack(stage ?? KillChainStage.Delivery, serviceId));
        }

        (StoppedAttack, long?) Attack(KillChainStage stage, long? serviceId)
        {
            if (serviceId is { } id && serviceById.TryGetValue(id, out var service))
            {
                return (new StoppedAttack(stage, service.DowntimeCostPerHour), id);
            }
            fallbackService++;
            return (new StoppedAttack(stage, costliest?.DowntimeCostPerHour ?? 0), costliest?.Id);
        }

        var attacksLink = links.Queue(status: "resolved", disposition: "true-positive");
        var stageNote = noTechnique > 0 ? $"{noTechnique} without a known ATT&CK technique counted at delivery." : null;
        figures.Add(new ValueFigure(ValueKeys.AttacksStopped, ValueFamily.BusinessProtection, "Attacks stopped", ValueUnit.Count, stopped.Count,
            Formula: $"alerts resolved in the month as true positives ({truePositives.Count}) + incidents closed in the month whose alerts are not already counted ({incidentsCounted}); merged duplicates never counted",
            Link: attacksLink, Note: stageNote));
        foreach (var stage in Enum.GetValues<KillChainStage>())
        {
            figures.Add(new ValueFigure(ValueKeys.AttacksStopped + "." + KillChain.Name(stage), ValueFamily.BusinessProtection,
                $"Attacks stopped at {KillChain.Name(stage)}", ValueUnit.Count, stopped.Count(a => a.Attack.Stage == stage),
                Formula: "attacks stopped whose furthest ATT&CK tactic falls in this stage (" + string.Join(", ", KillChain.Tactics(stage)) + ")",
                Link: attacksLink));
        }

        // ---- Loss avoided: the FAIR Monte Carlo over the attacks stopped.
        var seed = Xoshiro256StarStar.SeedFor(tenantId, window.Year, window.Month, inputs.Version);
        var attacks = stopped.Select(a => a.Attack).ToList();
        var estimate = LossAvoidedSimulation.Run(attacks, inputs.Get, seed);
        var lossNotes = new List<string>();
        if (fallbackService > 0)
        {
            lossNotes.Add(costliest is null
                ? $"{fallbackService} attack(s) without a business service and the tenant has none: productivity loss counted as zero."
                : $"{fallbackService} attack(s) without a known business service valued at the costliest service ({costliest.Name}).");
        }
        if (inputs.Version == 0)
        {
            lossNotes.Add("Inputs: MSSP defaults (version 0), to be approved by the committee.");
        }
        else if (inputs.Defaulted.Count > 0)
        {
            lossNotes.Add("MSSP defaults used for " + string.Join(", ", inputs.Defaulted.Order(StringComparer.Ordinal)) + ".");
        }
        if (!ValueAssumptionDefaults.Converts(money) && inputs.UsesDefaultAmounts)
        {
            lossNotes.Add($"Default amounts are in euros: no conversion to {money} is known.");
        }
        figures.Add(new ValueFigure(ValueKeys.LossAvoided, ValueFamily.BusinessProtection, "Estimated loss avoided", ValueUnit.Currency,
            Money(estimate.P50), Money(estimate.P10), Money(estimate.P90),
            Formula: string.Create(CultureInfo.InvariantCulture,
                $"FAIR Monte Carlo, {estimate.Draws:N0} draws (seed from tenant, month and assumption version {inputs.Version}): per draw, a loss-event probability per stage ~ PERT(loss-event-probability.stage) and a secondary-loss probability ~ PERT(secondary-loss-probability); per attack, a loss event with its stage's probability; per event, downtime-hours × the service's downtime cost per hour + response-cost + (with the secondary-loss probability) secondary-loss; P10/P50/P90 of the total. Mean {estimate.Mean:0}."),
            Link: attacksLink, Note: lossNotes.Count == 0 ? null : string.Join(" ", lossNotes)));

        // ---- Actual loss: recorded at closing, its own line, never netted into the estimate.
        var losses = closed.Where(i => i.ActualLoss is not null).ToList();
        figures.Add(new ValueFigure(ValueKeys.ActualLoss, ValueFamily.BusinessProtection, "Losses incurred", ValueUnit.Currency,
            losses.Sum(i => i.ActualLoss!.Value),
            Formula: $"sum of the actual loss recorded on the {losses.Count} incident(s) closed in the month; not netted against the estimate",
            Link: links.Incidents("closed")));

        // ---- Interruption: the downtime recorded on incidents closed in the month.
        var downtime = closed.Sum(i => i.DowntimeMinutes ?? 0);
        figures.Add(new ValueFigure(ValueKeys.InterruptionMinutes, ValueFamily.BusinessProtection, "Business interruption", ValueUnit.Minutes, downtime,
            Baseline: baseline.InterruptionHoursPerMonth * 60,
            Formula: $"sum of the downtime minutes recorded on the {closed.Count} incident(s) closed in the month; baseline = interruption hours a month before the service × 60",
            Link: links.Incidents("closed"), Note: baseline.InterruptionHoursPerMonth is null ? "No baseline stated in the business profile." : null));

        // ---- Fraud: business transactions of the month, and those that went through although the SOC confirmed them
        // as part of an attack (linked to a true-positive alert). Counted in SQL.
        var transactions = db.SecurityEvents.Where(e => e.TenantId == tenantId && e.Timestamp >= from && e.Timestamp < to && e.Category == BusinessCategory);
        var transactionCount = await transactions.CountAsync(cancellationToken);
        // Driven from the true-positive alerts' event links (indexed by alert) to the events (by key): an event linked
        // to two such alerts counts once.
        var confirmed = db.Alerts.Where(a => a.TenantId == tenantId && a.Status == AlertStatus.Resolved && a.Disposition == AlertDisposition.TruePositive);
        var fraudulent = await db.AlertEvents
            .Where(l => l.TenantId == tenantId && confirmed.Any(a => a.Id == l.AlertId)
                && transactions.Any(e => e.Id == l.EventId && e.Outcome == EventOutcome.Success))
            .Select(l => l.EventId).Distinct().CountAsync(cancellationToken);
        decimal? rate = transactionCount == 0 ? null : 100m * fraudulent / transactionCount;
        figures.Add(new ValueFigure(ValueKeys.FraudRate, ValueFamily.BusinessProtection, "Fraud rate", ValueUnit.Percent, Round(rate, 4),
            Baseline: baseline.FraudRatePercent,
            Formula: $"fraudulent / transactions × 100 = {fraudulent} / {transactionCount} × 100; transactions = events of category '{BusinessCategory}' in the month, fraudulent = those that succeeded and belong to a true-positive alert",
            Link: attacksLink, Note: transactionCount == 0 ? "No business transactions recorded this month." : null));
        decimal? fraudAvoided = null;
        string? fraudNote = null;
        if (rate is null)
        {
            fraudNote = "No business transactions recorded this month.";
        }
        else if (baseline.FraudRatePercent is not { } baselineRate)
        {
            fraudNote = "No baseline fraud rate stated in the business profile.";
        }
        else if (profile is null || profile.AverageFraudLoss == 0)
        {
            fraudNote = "No average loss per fraudulent transaction stated in the business profile.";
        }
        else
        {
            fraudAvoided = Math.Round(Math.Max(0, baselineRate - rate.Value) / 100 * transactionCount * profile.AverageFraudLoss, 2);
        }
        figures.Add(new ValueFigure(ValueKeys.FraudLossAvoided, ValueFamily.BusinessProtection, "Fraud loss avoided", ValueUnit.Currency, fraudAvoided,
            Formula: "max(0, baseline rate − rate) / 100 × transactions × average loss per fraudulent transaction: a measured difference times a stated input",
            Link: attacksLink, Note: fraudNote));

        // ---- Response times and service levels of the alerts detected in the month (the SOC page's method).
        var detected = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.MergedIntoId == null && a.DetectedAt >= from && a.DetectedAt < to)
            .Select(a => new AlertTimes(a.Severity, a.FirstSeen, a.DetectedAt, a.AcknowledgedAt, a.ResolvedAt, a.AcknowledgeDueAt, a.ResolveDueAt, a.ClockPausedAt))
            .ToListAsync(cancellationToken);
        var targets = await TargetsAsync(tenantId, window, cancellationToken);
        AddTimes(figures, ValueKeys.Mttd, "Time to detect", detected, a => (a.DetectedAt - a.FirstSeen).TotalMinutes,
            "detected at − first event seen", null, links);
        AddTimes(figures, ValueKeys.Mtta, "Time to acknowledge", detected.Where(a => a.AcknowledgedAt is not null), a => (a.AcknowledgedAt!.Value - a.DetectedAt).TotalMinutes,
            "acknowledged at − detected at", s => targets.TryGetValue(s, out var t) ? t.Acknowledge : null, links);
        AddTimes(figures, ValueKeys.Mttr, "Time to resolve", detected.Where(a => a.ResolvedAt is not null), a => (a.ResolvedAt!.Value - a.DetectedAt).TotalMinutes,
            "resolved at − detected at", s => targets.TryGetValue(s, out var t) ? t.Resolve : null, links, baseline.MeanTimeToRespondHours * 60);
        var total = new ResponseTimes.Attainment(0, 0);
        foreach (var severity in Enum.GetValues<AlertSeverity>().Reverse())
        {
            var of = detected.Where(a => a.Severity == severity).ToList();
            var attained = ResponseTimes.Attain(of.Select(a => (a.AcknowledgeDueAt, a.AcknowledgedAt, a.ClockPausedAt)), now)
                .Plus(ResponseTimes.Attain(of.Select(a => (a.ResolveDueAt, a.ResolvedAt, a.ClockPausedAt)), now));
            total = total.Plus(attained);
            figures.Add(Attainment(ValueKeys.SlaAttainment + "." + Name(severity), $"SLA attainment, {Name(severity)}", attained, links.Queue(severity: severity)));
        }
        figures.Add(Attainment(ValueKeys.SlaAttainment, "SLA attainment", total, links.Queue()));

        // ---- The funnel: from events to incidents.
        var events = await db.SecurityEvents.CountAsync(e => e.TenantId == tenantId && e.Timestamp >= from && e.Timestamp < to, cancellationToken);
        var raised = db.Alerts.Where(a => a.TenantId == tenantId && a.DetectedAt >= from && a.DetectedAt < to);
        var alertCount = await raised.CountAsync(cancellationToken);
        var folded = await raised.SumAsync(a => a.SuppressedCount, cancellationToken);
        var caught = await db.AlertSuppressions
            .Where(s => s.TenantId == tenantId && s.LastSuppressedAt >= from && s.LastSuppressedAt < to).SumAsync(s => s.SuppressedCount, cancellationToken);
        var opened = await db.Incidents.CountAsync(i => i.TenantId == tenantId && i.OpenedAt >= from && i.OpenedAt < to, cancellationToken);
        var triaged = resolved.Where(ByPerson).ToList();
        var automatic = resolved.Count - triaged.Count;
        figures.Add(Funnel(ValueKeys.FunnelEvents, "Events", events, "security events stamped in the month", null));
        figures.Add(Funnel(ValueKeys.FunnelAlerts, "Alerts", alertCount, "alerts detected in the month, merged duplicates included", links.Queue()));
        figures.Add(Funnel(ValueKeys.FunnelDeduplicated, "After deduplication", detected.Count, "alerts detected in the month, merged duplicates left out", links.Queue()));
        figures.Add(Funnel(ValueKeys.FunnelSuppressed, "Suppressed", folded + caught,
            $"detections folded into burst summaries of the month's alerts ({folded}) + detections caught by analysts' suppressions whose last catch fell in the month ({caught})", null));
        figures.Add(Funnel(ValueKeys.FunnelAutoResolved, "Resolved automatically", automatic, "alerts resolved in the month with no person on the resolving history row", links.Queue(status: "resolved")));
        figures.Add(Funnel(ValueKeys.FunnelTriaged, "Triaged by analysts", triaged.Count, "alerts resolved in the month by a person", links.Queue(status: "resolved")));
        figures.Add(Funnel(ValueKeys.FunnelIncidents, "Incidents opened", opened, "incidents opened in the month", links.Incidents(null)));

        // ---- Hours: the MSSP's work as capacity (never money), and the customer's own hours freed (money).
        var minutes = triaged.Sum(a => TimeStandardMinutes[a.Severity]);
        figures.Add(new ValueFigure(ValueKeys.HoursHandled, ValueFamily.OperationalEfficiency, "Hours handled by the SOC", ValueUnit.Hours, Math.Round(minutes / 60m, 2),
            Formula: "Σ alerts triaged by analysts × time standard of their severity (" + string.Join(", ", TimeStandardMinutes.Select(kv => $"{Name(kv.Key)} {kv.Value} min")) + ") / 60: "
                + string.Join(" + ", Enum.GetValues<AlertSeverity>().Reverse().Select(s => $"{triaged.Count(a => a.Severity == s)} × {TimeStandardMinutes[s]}")) + " min",
            Link: links.Queue(status: "resolved"), Note: "Service capacity the MSSP provided: the MSSP's cost, not the customer's money."));

        var reported = await db.ReportedFigures.AsNoTracking().Where(f => f.TenantId == tenantId && f.Month == window.FirstDay).ToListAsync(cancellationToken);
        var staffHours = reported.FirstOrDefault(f => f.Metric == ReportedMetric.SecurityStaffHours);
        decimal? freed = baseline.CustomerStaffHoursPerMonth is { } before && staffHours is not null ? before - staffHours.Value : null;
        var freedNote = baseline.CustomerStaffHoursPerMonth is null ? "No baseline of the customer's security staff hours in the business profile."
            : staffHours is null ? "The tenant has not reported its security staff hours for this month." : null;
        figures.Add(new ValueFigure(ValueKeys.CustomerHoursFreed, ValueFamily.OperationalEfficiency, "Customer staff hours freed", ValueUnit.Hours, freed,
            Baseline: baseline.CustomerStaffHoursPerMonth,
            Formula: $"baseline staff hours on security a month ({Text(baseline.CustomerStaffHoursPerMonth)}) − hours the tenant reported for the month ({Text(staffHours?.Value)})",
            Note: freedNote));
        figures.Add(new ValueFigure(ValueKeys.CustomerHoursFreedValue, ValueFamily.OperationalEfficiency, "Value of customer hours freed", ValueUnit.Currency,
            freed is { } f && profile is not null ? Math.Round(f * profile.CustomerStaffHourlyCost, 2) : null,
            Formula: $"hours freed × the customer's staff hourly cost ({Text(profile?.CustomerStaffHourlyCost)})",
            Note: freedNote ?? (profile is null ? "No business profile." : null)));

        var audit = reported.FirstOrDefault(f => f.Metric == ReportedMetric.ComplianceAuditDays);
        // No audit days reported but an evidence pack downloaded in the month: estimate the days saved as the baseline
        // audit effort × the share of the pack's controls the portal evidenced from its records (docs/value-model.md).
        var pack = audit is null && baseline.ComplianceAuditDays is not null
            ? (await db.EvidencePackRecords.AsNoTracking().Where(p => p.TenantId == tenantId && p.GeneratedAt >= from && p.GeneratedAt < to && p.Controls > 0)
                .ToListAsync(cancellationToken)).OrderByDescending(p => p.AutomatedShare).ThenByDescending(p => p.Id).FirstOrDefault()
            : null;
        if (pack is not null && baseline.ComplianceAuditDays is { } auditBaseline)
        {
            figures.Add(new ValueFigure(ValueKeys.AuditTimeSaved, ValueFamily.OperationalEfficiency, "Compliance-audit days saved", ValueUnit.Days,
                Math.Round(auditBaseline * pack.AutomatedShare, 1),
                Baseline: auditBaseline,
                Formula: $"estimate: baseline days per audit ({Text(auditBaseline)}) × share of controls evidenced automatically in evidence pack #{pack.Id} "
                    + $"({pack.FrameworkId}, {pack.AutomatedControls} of {pack.Controls})",
                Link: $"/Compliance/{Uri.EscapeDataString(pack.FrameworkId)}?tenant={Uri.EscapeDataString(tenant.Slug)}",
                Note: $"No audit days reported for the month; estimated from evidence pack #{pack.Id} generated {pack.GeneratedAt.UtcDateTime:yyyy-MM-dd}."));
        }
        else
        {
            figures.Add(new ValueFigure(ValueKeys.AuditTimeSaved, ValueFamily.OperationalEfficiency, "Compliance-audit days saved", ValueUnit.Days,
                audit is not null && baseline.ComplianceAuditDays is { } auditBefore ? auditBefore - audit.Value : null,
                Baseline: baseline.ComplianceAuditDays,
                Formula: $"baseline days per audit ({Text(baseline.ComplianceAuditDays)}) − days the audit of the month took ({Text(audit?.Value)})",
                Note: audit is null ? "no audit this month" : baseline.ComplianceAuditDays is null ? "No baseline of audit days in the business profile." : null));
        }

        // ---- Growth: the tenant's own figures, beside the security ones.
        foreach (var figure in reported.Where(r => r.Metric is not (ReportedMetric.SecurityStaffHours or ReportedMetric.ComplianceAuditDays)).OrderBy(r => r.Metric))
        {
            var (name, label, unit) = Growth(figure.Metric);
            figures.Add(new ValueFigure(ValueKeys.GrowthPrefix + name, ValueFamily.BusinessGrowth, label, unit, figure.Value,
                Formula: string.Create(CultureInfo.InvariantCulture, $"reported by {figure.ReportedBy} through the {figure.Channel.ToString().ToLowerInvariant()} on {figure.ReportedAt:yyyy-MM-dd}"),
                Note: figure.CausalityConfirmedBy is null ? NotCaused : "reported by the tenant; the tenant confirms security contributed"));
        }

        var headlines = Headlines(window, money, stopped.Count, stopped.Select(a => a.ServiceId).Distinct().ToList(), serviceById, downtime, baseline,
            estimate, losses.Sum(i => i.ActualLoss!.Value), losses.Count, triaged.Count, minutes, rate, transactionCount);
        return new ValueFigures(tenant.Id, tenant.Name, money, window.Year, window.Month, from, to, now, inputs.Version, figures, headlines);
    }

    private static List<string> Headlines(MonthWindow window, string currency, int attacks, List<long?> serviceIds,
        IReadOnlyDictionary<long, ServiceRow> services, int downtimeMinutes, ValueBaseline baseline, LossAvoidedEstimate estimate,
        decimal actualLoss, int lossRecords, int triaged, int triagedMinutes, decimal? fraudRate, int transactions)
    {
        var month = window.FirstDay.ToString("MMMM", CultureInfo.InvariantCulture);
        var target = serviceIds.Count == 1 && serviceIds[0] is { } only && services.TryGetValue(only, out var service) ? $" on {service.Name}" : "";
        var first = $"In {month} we stopped {attacks} {(attacks == 1 ? "attack" : "attacks")}{target}";
        var now = ValueText.Hours(downtimeMinutes);
        if (baseline.InterruptionHoursPerMonth is { } hours)
        {
            var before = (double)hours * 60;
            var verb = downtimeMinutes < before ? "fell" : downtimeMinutes > before ? "rose" : "stayed at";
            first += verb == "stayed at"
                ? $"; interruption stayed at {now} a month, as before the service"
                : $"; interruption {verb} from {ValueText.Hours(before)} a month before the service to {now}";
        }
        else
        {
            first += $"; business interruption was {now}";
        }
        first += attacks > 0 ? $"; estimated loss avoided {ValueText.MoneyRange(estimate.P10, estimate.P90, currency)} (P10–P90)." : ".";
        var lines = new List<string> { first };
        if (lossRecords > 0)
        {
            lines.Add($"Losses actually incurred, as recorded on closed incidents: {ValueText.Money((double)actualLoss, currency)} (shown apart, never netted).");
        }
        if (fraudRate is { } rate && baseline.FraudRatePercent is { } fraudBefore)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Fraud went through on {ValueText.Significant((double)rate):0.###}% of {transactions:N0} transactions, against {fraudBefore:0.###}% before the service."));
        }
        lines.Add($"Analysts triaged {triaged} {(triaged == 1 ? "alert" : "alerts")}, about {ValueText.Hours(triagedMinutes)} of service capacity.");
        return lines;
    }

    private static void AddTimes(List<ValueFigure> figures, string key, string label, IEnumerable<AlertTimes> alerts, Func<AlertTimes, double> minutes,
        string method, Func<AlertSeverity, int?>? target, Links links, decimal? baselineMinutes = null)
    {
        var list = alerts.ToList();
        var all = ResponseTimes.Of(list.Select(minutes));
        var formula = $"nearest-rank median and P90 of ({method}) in minutes over the {all.Count} alert(s) detected in the month, merged duplicates left out";
        figures.Add(new ValueFigure(key, ValueFamily.OperationalEfficiency, label + " (median)", ValueUnit.Minutes, Round(all.MedianMinutes),
            Baseline: baselineMinutes, Formula: formula, Link: links.Queue(),
            Note: baselineMinutes is null ? null : "Baseline: mean time to respond before the service, as stated in the business profile."));
        figures.Add(new ValueFigure(key + ".p90", ValueFamily.OperationalEfficiency, label + " (P90)", ValueUnit.Minutes, Round(all.P90Minutes), Formula: formula, Link: links.Queue()));
        foreach (var severity in Enum.GetValues<AlertSeverity>().Reverse())
        {
            var of = ResponseTimes.Of(list.Where(a => a.Severity == severity).Select(minutes));
            var goal = target?.Invoke(severity);
            var note = goal is null ? null : $"Contract target: {goal} min.";
            figures.Add(new ValueFigure($"{key}.p50.{Name(severity)}", ValueFamily.OperationalEfficiency, $"{label}, {Name(severity)} (median)", ValueUnit.Minutes,
                Round(of.MedianMinutes), Formula: formula.Replace("alert(s)", $"{Name(severity)} alert(s)", StringComparison.Ordinal).Replace($"{all.Count} ", $"{of.Count} ", StringComparison.Ordinal),
                Link: links.Queue(severity: severity), Note: note));
            figures.Add(new ValueFigure($"{key}.p90.{Name(severity)}", ValueFamily.OperationalEfficiency, $"{label}, {Name(severity)} (P90)", ValueUnit.Minutes,
                Round(of.P90Minutes), Formula: formula.Replace("alert(s)", $"{Name(severity)} alert(s)", StringComparison.Ordinal).Replace($"{all.Count} ", $"{of.Count} ", StringComparison.Ordinal),
                Link: links.Queue(severity: severity), Note: note));
        }
    }

    private static ValueFigure Attainment(string key, string label, ResponseTimes.Attainment attained, string link) =>
        new(key, ValueFamily.OperationalEfficiency, label, ValueUnit.Percent, Round(attained.Percent),
            Formula: $"deadlines met / deadlines decided × 100 = {attained.Met} / {attained.Decided} × 100, over the acknowledge and resolve deadlines of the alerts detected in the month; a wait on the customer pauses the clock",
            Link: link, Note: attained.Decided == 0 ? "No deadline decided this month." : null);

    private static ValueFigure Funnel(string key, string label, int count, string formula, string? link) =>
        new(key, ValueFamily.OperationalEfficiency, label, ValueUnit.Count, count, Formula: formula, Link: link);

    private static (string Name, string Label, ValueUnit Unit) Growth(ReportedMetric metric) => metric switch
    {
        ReportedMetric.Revenue => ("revenue", "Revenue", ValueUnit.Currency),
        ReportedMetric.ConversionRatePercent => ("conversion-rate", "Conversion rate", ValueUnit.Percent),
        ReportedMetric.RetentionPercent => ("retention", "Customer retention", ValueUnit.Percent),
        ReportedMetric.NewMarkets => ("new-markets", "New markets opened", ValueUnit.Count),
        _ => (metric.ToString().ToLowerInvariant(), metric.ToString(), ValueUnit.Count),
    };

    private async Task<AttackCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        // The imported ATT&CK catalogue, or the built-in one until an admin imports MITRE's (as detection does).
        var techniques = await db.AttackTechniques.AsNoTracking().ToListAsync(cancellationToken);
        return techniques.Count == 0
            ? AttackCatalog.BuiltIn
            : new AttackCatalog(AttackCatalog.EnterpriseTactics, techniques.Select(t => new AttackTechnique(t.Id, t.Name, t.TacticIds.Split(',', StringSplitOptions.RemoveEmptyEntries))));
    }

    // The contract in force in the month (the latest to start, if two overlap) and its targets per severity.
    private async Task<Dictionary<AlertSeverity, (int Acknowledge, int Resolve)>> TargetsAsync(Guid tenantId, MonthWindow window, CancellationToken cancellationToken)
    {
        var contractId = await db.ServiceContracts.AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.StartsOn <= window.LastDay && c.EndsOn >= window.FirstDay)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return contractId is null
            ? []
            : await db.SlaTargets.AsNoTracking().Where(t => t.TenantId == tenantId && t.ServiceContractId == contractId)
                .ToDictionaryAsync(t => t.Severity, t => (t.AcknowledgeWithinMinutes, t.ResolveWithinMinutes), cancellationToken);
    }

    private static string Name(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    private static decimal Money(double value) => Math.Round((decimal)value, 0);

    private static decimal? Round(double? value) => value is { } v ? Math.Round((decimal)v, 1) : null;

    private static decimal? Round(decimal? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static string Text(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "not stated";

    private sealed record ServiceRow(long Id, string Name, decimal DowntimeCostPerHour);

    private sealed record ResolvedAlert(long Id, AlertSeverity Severity, AlertDisposition? Disposition, string Techniques, long? AssetId, long? IncidentId, DateTimeOffset ResolvedAt);

    private sealed record ClosedIncident(long Id, string Title, long? BusinessServiceId, int? DowntimeMinutes, decimal? ActualLoss);

    private sealed record AlertTimes(AlertSeverity Severity, DateTimeOffset FirstSeen, DateTimeOffset DetectedAt, DateTimeOffset? AcknowledgedAt,
        DateTimeOffset? ResolvedAt, DateTimeOffset? AcknowledgeDueAt, DateTimeOffset? ResolveDueAt, DateTimeOffset? ClockPausedAt);

    // The assumptions in force: the tenant's latest set, with the MSSP default for any key it lacks (version 0 when it
    // has no set at all).
    private sealed class Inputs
    {
        private readonly Dictionary<string, ValueAssumption> _byKey;

        public Inputs(ValueAssumptionSet? set, string currency)
        {
            Version = set?.Version ?? 0;
            _byKey = ValueAssumptionDefaults.For(currency).ToDictionary(a => a.Key, StringComparer.Ordinal);
            var defaults = _byKey.Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var assumption in set?.Assumptions ?? [])
            {
                _byKey[assumption.Key] = assumption;
                defaults.Remove(assumption.Key);
            }
            Defaulted = defaults;
            UsesDefaultAmounts = defaults.Contains(ValueAssumptionDefaults.ResponseCost) || defaults.Contains(ValueAssumptionDefaults.SecondaryLoss);
        }

        public int Version { get; }

        public HashSet<string> Defaulted { get; }

        public bool UsesDefaultAmounts { get; }

        public ValueAssumption Get(string key) => _byKey[key];
    }

    // Portal URLs listing the records behind a figure, written as the pages read them (the alert queue's and the
    // incident list's query parameters). The queue filters by detection day, so a month's link lists the alerts
    // detected in its days.
    private sealed class Links(string slug, MonthWindow window)
    {
        public string Queue(string status = "all", AlertSeverity? severity = null, string? disposition = null)
        {
            var parts = new List<string> { "status=" + status };
            if (severity is { } s)
            {
                parts.Add("severity=" + Name(s));
            }
            parts.Add("tenant=" + Uri.EscapeDataString(slug));
            if (disposition is not null)
            {
                parts.Add("disposition=" + disposition);
            }
            parts.Add("from=" + window.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            parts.Add("to=" + window.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return "/Alerts?" + string.Join("&", parts);
        }

        public string Incidents(string? status) =>
            "/Incidents?" + (status is null ? "" : "status=" + status + "&") + "tenant=" + Uri.EscapeDataString(slug);
    }
}
