using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Billing;

// The invoice of one tenant and billing period, line by line, with where each number comes from. Period: "2026-10",
// "2026-Q3" or "2026" (null: the period that ended last, in the contract's billing period). Null when the tenant is
// not in scope.
public sealed record PreviewInvoice(Guid TenantId, string? Period) : IQuery<InvoicePreview?>;

public sealed record InvoicePreview(
    Guid TenantId,
    string TenantSlug,
    string TenantName,
    string Currency,
    string Period,
    DateOnly FirstDay,
    DateOnly LastDay,
    IReadOnlyList<string> Notes,
    InvoicePreview.ContractTerms? Contract,
    decimal BaseFee,
    InvoicePreview.RevenueShareLine? RevenueShare,
    string? RevenueShareMissing,
    InvoicePreview.CreditsLine? Credits,
    decimal Total)
{
    public sealed record ContractTerms(long Id, ServiceTier Tier, DateOnly StartsOn, DateOnly EndsOn, BillingPeriod BillingPeriod,
        decimal SharePercent, decimal ThresholdPercent, RevenueShareReading Reading, decimal? ShareCap, decimal? CreditCap);

    // One month's revenue as the tenant reported it (Value null: not reported).
    public sealed record Month(DateOnly Start, decimal? Value, string? ReportedBy, ReportedFigureChannel? Channel, string Link);

    public sealed record RevenueShareLine(
        decimal R0, RevenueBasis R0Basis, string R0Source, string R0Link, IReadOnlyList<Month> R0Months,
        decimal R1, IReadOnlyList<Month> R1Months,
        decimal Percent, decimal ThresholdPercent, RevenueShareReading Reading, decimal? Cap,
        RevenueShare Share);

    public sealed record CreditRow(AlertSeverity Severity, decimal? TargetPercent, decimal? AttainmentPercent, int Decided, int Met,
        decimal CreditPercent, decimal Amount, string QueueLink);

    // Credits earned in FromPeriod, taken off this invoice.
    public sealed record CreditsLine(string FromPeriod, IReadOnlyList<CreditRow> Rows, decimal Uncapped, decimal? Cap, decimal Total, bool Capped);
}

public enum RevenueBasis
{
    // The same months one year earlier, as the tenant reported them.
    Reported,

    // The business profile's annual revenue before the service × months / 12.
    Baseline,
}

internal sealed class PreviewInvoiceHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<PreviewInvoice, InvoicePreview?>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async ValueTask<InvoicePreview?> Handle(PreviewInvoice query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == query.TenantId, cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var notes = new List<string>();

        var contracts = await db.ServiceContracts.AsNoTracking().Include(c => c.SlaTargets)
            .Where(c => c.TenantId == tenant.Id)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        // The kind of period comes from the contract in force today (else the latest signed).
        var current = contracts.FirstOrDefault(c => c.StartsOn <= today && c.EndsOn >= today) ?? contracts.FirstOrDefault();
        var kind = current?.BillingPeriod ?? BillingPeriod.Monthly;
        var requested = InvoicePeriod.Parse(query.Period);
        if (query.Period is { Length: > 0 } && requested is null)
        {
            notes.Add($"Ignored period={Clip(query.Period)}: expected a month (2026-10), a quarter (2026-Q3) or a year (2026).");
        }
        var period = requested is null
            ? InvoicePeriod.Containing(kind, today).Previous
            : requested.Kind == kind ? requested : InvoicePeriod.Containing(kind, requested.FirstDay);
        if (requested is not null && requested.Kind != kind)
        {
            notes.Add($"The contract bills {kind.ToString().ToLowerInvariant()}: showing {period.Label}, which contains {requested.Label}.");
        }
        if (period.EndDay > today)
        {
            notes.Add($"{period.Label} has not ended: a preview of the invoice so far.");
        }

        var contract = Covering(contracts, period);
        var currency = contract?.Currency ?? tenant.Currency;
        var preview = new InvoicePreview(tenant.Id, tenant.Slug, tenant.Name, currency, period.Label, period.FirstDay, period.EndDay.AddDays(-1), notes,
            null, 0, null, null, null, 0);
        if (contract is null)
        {
            notes.Add($"No contract covers {period.Label}: nothing to invoice.");
            return preview;
        }

        var (share, missing) = await RevenueShareAsync(tenant, contract, period, cancellationToken);
        var credits = await CreditsAsync(tenant, contracts, period.Previous, zone, now, cancellationToken);
        var total = Math.Max(0, contract.BaseFee + (share?.Share.Amount ?? 0) - (credits?.Total ?? 0));
        return preview with
        {
            Contract = new(contract.Id, contract.Tier, contract.StartsOn, contract.EndsOn, contract.BillingPeriod, contract.RevenueSharePercent,
                contract.RevenueShareThresholdPercent, contract.RevenueShareReading, contract.RevenueShareCap, contract.SlaCreditCap),
            BaseFee = contract.BaseFee,
            RevenueShare = share,
            RevenueShareMissing = missing,
            Credits = credits,
            Total = total,
        };
    }

    // The latest signed contract that overlaps the period.
    private static ServiceContract? Covering(IEnumerable<ServiceContract> contracts, InvoicePeriod period) =>
        contracts.FirstOrDefault(c => c.StartsOn < period.EndDay && c.EndsOn >= period.FirstDay);

    private async Task<(InvoicePreview.RevenueShareLine? Line, string? Missing)> RevenueShareAsync(Tenant tenant, ServiceContract contract, InvoicePeriod period,
        CancellationToken cancellationToken)
    {
        if (contract.RevenueSharePercent == 0)
        {
            return (null, "The contract has no share of revenue growth.");
        }
        var earlier = period.YearEarlier;
        var from = earlier.FirstDay;
        var to = period.EndDay;
        // Decimal is stored as a double on SQLite: read the rows, sum in memory.
        var figures = await db.ReportedFigures.AsNoTracking()
            .Where(f => f.TenantId == tenant.Id && f.Metric == ReportedMetric.Revenue && f.Month >= from && f.Month < to)
            .ToListAsync(cancellationToken);
        var byMonth = figures.ToDictionary(f => f.Month);
        InvoicePreview.Month Month(DateOnly start) => byMonth.TryGetValue(start, out var f)
            ? new(start, f.Value, f.ReportedBy, f.Channel, BillingLinks.ReportedRevenue(tenant.Id, start))
            : new(start, null, null, null, BillingLinks.ReportedRevenue(tenant.Id, start));

        var r1Months = period.MonthStarts.Select(Month).ToList();
        var unreported = r1Months.Where(m => m.Value is null).Select(m => m.Start.ToString("yyyy-MM", Invariant)).ToList();
        if (unreported.Count > 0)
        {
            // A partial R1 would set a fee on part of the period: no line until every month is reported.
            return (null, $"No revenue share: the tenant has not reported revenue for {string.Join(", ", unreported)}.");
        }
        var r1 = r1Months.Sum(m => m.Value!.Value);

        var r0Months = earlier.MonthStarts.Select(Month).ToList();
        decimal r0;
        RevenueBasis basis;
        string source;
        string link;
        if (r0Months.All(m => m.Value is not null))
        {
            (r0, basis, link) = (r0Months.Sum(m => m.Value!.Value), RevenueBasis.Reported, BillingLinks.ReportedRevenue(tenant.Id, earlier.FirstDay));
            source = $"Revenue the tenant reported for {earlier.Label}.";
        }
        else
        {
            var baseline = await db.BusinessProfiles.AsNoTracking().Where(p => p.TenantId == tenant.Id).Select(p => p.Baseline).FirstOrDefaultAsync(cancellationToken);
            if (baseline?.AnnualRevenue is not { } annual)
            {
                return (null, $"No revenue share: revenue for {earlier.Label} is not reported and the business profile has no annual revenue before the service.");
            }
            (r0, basis, link) = (annual * period.Months / 12, RevenueBasis.Baseline, BillingLinks.Profile(tenant.Id));
            source = string.Create(Invariant, $"Revenue for {earlier.Label} is not fully reported: the business profile's annual revenue before the service ({annual:N2}")
                + (baseline.MeasuredOn is { } on ? $", measured {on:yyyy-MM-dd}" : "")
                + (string.IsNullOrWhiteSpace(baseline.Source) ? "" : $", source: {baseline.Source}")
                + string.Create(Invariant, $") × {period.Months}/12.");
        }
        var share = contract.ShareOf(r0, r1);
        return (new(r0, basis, source, link, basis == RevenueBasis.Reported ? r0Months : [], r1, r1Months,
            contract.RevenueSharePercent, contract.RevenueShareThresholdPercent, contract.RevenueShareReading, contract.RevenueShareCap, share), null);
    }

    // SLA credits earned in the previous period under the contract that covered it, taken off this invoice.
    private async Task<InvoicePreview.CreditsLine?> CreditsAsync(Tenant tenant, IReadOnlyList<ServiceContract> contracts, InvoicePeriod previous,
        TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var contract = Covering(contracts, previous);
        if (contract is null || contract.SlaTargets.Count == 0)
        {
            return null;
        }
        var (from, to) = previous.Instants(zone);
        // A merged duplicate is part of its survivor's attack: its deadlines are counted once, through the survivor.
        var clocks = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == tenant.Id && a.DetectedAt >= from && a.DetectedAt < to && a.MergedIntoId == null)
            .Select(a => new { a.Severity, a.AcknowledgeDueAt, a.AcknowledgedAt, a.ResolveDueAt, a.ResolvedAt, a.ClockPausedAt })
            .ToListAsync(cancellationToken);
        var attainment = clocks.GroupBy(c => c.Severity).ToDictionary(
            g => g.Key,
            g => SlaAttainment.Of(g.SelectMany(c => new[] { (c.AcknowledgeDueAt, c.AcknowledgedAt, c.ClockPausedAt), (c.ResolveDueAt, c.ResolvedAt, c.ClockPausedAt) }), now));
        var credits = contract.CreditsFor(attainment.ToDictionary(kv => kv.Key, kv => kv.Value.Percent));
        // The queue's from/to are UTC days: the days the period's instants fall on.
        var fromDay = DateOnly.FromDateTime(from.UtcDateTime);
        var toDay = DateOnly.FromDateTime(to.AddTicks(-1).UtcDateTime);
        var rows = credits.Lines.Select(l =>
        {
            var a = attainment.GetValueOrDefault(l.Severity);
            return new InvoicePreview.CreditRow(l.Severity, l.TargetPercent, l.AttainmentPercent, a?.Decided ?? 0, a?.Met ?? 0, l.CreditPercent, l.Amount,
                BillingLinks.Queue(tenant.Slug, l.Severity, fromDay, toDay));
        }).ToList();
        return new(previous.Label, rows, credits.Uncapped, contract.SlaCreditCap, credits.Total, credits.Capped);
    }

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

// SLA attainment as the value model counts it (Model.ResponseTimes.Attain, the SOC page's method): a deadline counts
// once decided; both deadlines of an alert (acknowledge, resolve) count. Kept as decimals for the invoice.
public sealed record SlaAttainment(int Decided, int Met)
{
    public decimal? Percent => Decided == 0 ? null : Math.Round(100m * Met / Decided, 2, MidpointRounding.AwayFromZero);

    public static SlaAttainment Of(IEnumerable<(DateTimeOffset? Due, DateTimeOffset? DoneAt, DateTimeOffset? PausedAt)> clocks, DateTimeOffset now)
    {
        var attained = Model.ResponseTimes.Attain(clocks, now);
        return new SlaAttainment(attained.Decided, attained.Met);
    }
}

// URLs of the records behind the invoice's numbers. The queue's parameter names are Features/Alerts/QueueFilter's;
// the profile and reported figures are the value profile's pages.
public static class BillingLinks
{
    public static string Queue(string tenant, AlertSeverity severity, DateOnly from, DateOnly to) =>
        "/Alerts?status=all&severity=" + severity.ToString().ToLowerInvariant() + "&tenant=" + Uri.EscapeDataString(tenant)
        + "&from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "&sort=sla";

    // The value profile's pages (h/value-profile) name their tenant by id.
    public static string Profile(Guid tenantId) => "/Value/Profile?tenantId=" + tenantId;

    public static string ReportedRevenue(Guid tenantId, DateOnly month) =>
        "/Value/Figures?tenantId=" + tenantId + "&metric=revenue&month=" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
