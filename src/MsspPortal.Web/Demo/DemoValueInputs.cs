using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Profile;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

public sealed record DemoValueInputsResult(int Profiles, int AssumptionVersions, int ReportedFigures);

// What the business states about itself, entered through the value feature's own handlers by the demo people on the
// demo clock: the business profile with the baseline measured before the contract (from the onboarding workshop),
// the value model's assumptions (version 1 the MSSP defaults; harbor-bank's committee delegate approves them, making
// version 2), and the figures each tenant reports every month. Northwind's owner enters her own figures and confirms
// that the fall in her staff's security hours is the service's doing; harbor-bank's systems post theirs through the
// API channel; the MSSP analyst enters orbit-saas's as the customer states them. The growth figures follow the story:
// northwind's sale month +25% on the baseline year's monthly revenue, harbor's card business up to +20%, orbit's
// ten new markets opened over the months with the overseas share of revenue rising from 15% towards 35%, and
// its monthly compliance audit down from ten working days to three.
internal sealed class DemoValueInputs(IServiceProvider services, DemoCalendar calendar)
{
    private sealed record Baseline(string Slug, decimal StaffHourlyCost, decimal FraudLoss, ValueBaselineInput Figures, string Source);

    private sealed record ValueBaselineInput(decimal? InterruptionHours, decimal? FraudRate, decimal? Incidents, decimal? AuditDays, decimal? Churn,
        decimal? RespondHours, decimal? StaffHours, decimal AnnualRevenue);

    // Orbit's monthly compliance audit, in working days, over the six months.
    private static readonly decimal[] AuditDays = [6m, 5m, 4m, 3m, 3m, 3m];

    private static readonly Baseline[] Baselines =
    [
        new("northwind-shop", 65m, 85m, new(3m, 0.8m, 4m, 5m, 6m, 6m, 160m, 312_000_000m),
            "Stated by the business owner (head of e-commerce) in the onboarding workshop; revenue from the annual accounts of the year before"),
        new("harbor-bank", 95m, 420m, new(8m, 0.3m, 6m, 15m, 9m, 6m, 320m, 480_000_000m),
            "Stated by the head of card operations in the onboarding workshop; card revenue from the annual accounts of the year before"),
        new("orbit-saas", 80m, 0m, new(2m, null, 2m, 10m, 8m, 8m, 120m, 72_000_000m),
            "Stated by the CEO in the onboarding workshop (a compliance audit took two weeks, 10 working days); revenue from the annual accounts"),
    ];

    public async Task<DemoValueInputsResult> EnterAsync(CancellationToken cancellationToken)
    {
        var analyst = await DemoActor.ForAsync(services, Person(PortalRole.Analyst), cancellationToken);
        // Without demo people (Production) nobody states anything: no profile, no figures.
        if (analyst is null)
        {
            return new DemoValueInputsResult(0, 0, 0);
        }
        var owner = await DemoActor.ForAsync(services, Person(PortalRole.BusinessOwner), cancellationToken);
        var delegateOfHarbor = await DemoActor.ForAsync(services, Person(PortalRole.CommitteeMember), cancellationToken);
        var tenants = await TenantsAsync(cancellationToken);
        var contractStart = DateOnly.FromDateTime(calendar.Now.UtcDateTime).AddMonths(-7);
        int profiles = 0, versions = 0, figures = 0;

        foreach (var b in Baselines)
        {
            var (tenantId, createdAt) = tenants[b.Slug];
            // The onboarding workshop met a week before the contract was signed; the profile is entered the day after the
            // tenant is set up in the portal, by the owner where the tenant has one in the demo, else by the MSSP analyst.
            var enteredAt = createdAt.AddDays(1).AddHours(9);
            var by = b.Slug == "northwind-shop" && owner is not null ? owner : analyst;
            var f = b.Figures;
            Check(await by.SendAsync<EditBusinessProfile, bool, EditBusinessProfileHandler>(new EditBusinessProfile
            {
                TenantId = tenantId, CustomerStaffHourlyCost = b.StaffHourlyCost, AverageFraudLoss = b.FraudLoss,
                InterruptionHoursPerMonth = f.InterruptionHours, FraudRatePercent = f.FraudRate, IncidentsPerMonth = f.Incidents, ComplianceAuditDays = f.AuditDays,
                CustomerChurnPercent = f.Churn, MeanTimeToRespondHours = f.RespondHours, CustomerStaffHoursPerMonth = f.StaffHours, AnnualRevenue = f.AnnualRevenue,
                MeasuredOn = contractStart.AddDays(-7), Source = b.Source,
            }, enteredAt, cancellationToken), $"the business profile of {b.Slug}");
            profiles++;

            var adopted = await analyst.SendAsync<AdoptDefaultAssumptions, int?, AdoptDefaultAssumptionsHandler>(
                new AdoptDefaultAssumptions(tenantId), enteredAt.AddHours(1), cancellationToken);
            Check(adopted == 1, $"version 1 of {b.Slug}'s assumptions");
            versions++;
        }

        // Harbor-bank's committee delegate approves the whole set at the first quarterly retrospective.
        if (delegateOfHarbor is not null)
        {
            var (harbor, created) = tenants["harbor-bank"];
            var at = Earliest(calendar.Start.AddMonths(3).AddDays(6).AddHours(15), calendar.Now.AddHours(-6));
            at = at > created.AddDays(2) ? at : created.AddDays(2);
            var approved = await delegateOfHarbor.SendAsync<ApproveAssumptions, int?, ApproveAssumptionsHandler>(
                new ApproveAssumptions { TenantId = harbor, Version = 1 }, at, cancellationToken);
            Check(approved == 2, "the committee's approval of harbor-bank's assumptions");
            versions++;
        }

        var months = Months().ToList();
        for (var i = 0; i < months.Count; i++)
        {
            var month = months[i];
            // Reported a few days after the month ends (or just now for the month just ended, when it ended days ago).
            var at = Earliest(new DateTimeOffset(month.AddMonths(1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero).AddDays(3), calendar.Now.AddHours(-2));
            var fromEnd = months.Count - 1 - i; // 0 for the month just ended
            var sale = month == new DateOnly(calendar.SaleStart.Year, calendar.SaleStart.Month, 1);
            figures += await NorthwindAsync(owner ?? analyst, owner is not null, tenants["northwind-shop"].Id, month, sale, fromEnd, at, cancellationToken);
            figures += await HarborAsync(analyst, tenants["harbor-bank"].Id, month, fromEnd, at, cancellationToken);
            figures += await OrbitAsync(analyst, tenants["orbit-saas"].Id, month, i, months.Count, at, cancellationToken);
        }
        return new DemoValueInputsResult(profiles, versions, figures);
    }

    private static async Task<int> NorthwindAsync(DemoActor by, bool isOwner, Guid tenantId, DateOnly month, bool sale, int fromEnd, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var monthly = Baselines[0].Figures.AnnualRevenue / 12;
        // The sale month: +25% on the year before (the baseline year's monthly revenue stands for last year's month).
        var later = 5 - Math.Min(fromEnd, 5); // 0 for the window's first month, 5 for the month just ended
        var revenue = sale ? monthly * 1.25m : monthly * (1.02m + (0.01m * later));
        var count = await SendAsync(by, new ReportFigures
        {
            TenantId = tenantId, Month = ValueFormat.Month(month), Revenue = decimal.Round(revenue, 0), ConversionRatePercent = sale ? 3.1m : 2.6m + (0.05m * later),
            RetentionPercent = 94m + (0.2m * later),
            Note = sale ? "November sale: sales +25% year on year, complaints −40% (sale review)" : "From the shop's monthly sales report",
        }, at, cancellationToken);
        // Her team's hours on security fell once the SOC took over triage: the owner states the service caused it.
        count += await SendAsync(by, new ReportFigures
        {
            TenantId = tenantId, Month = ValueFormat.Month(month), SecurityStaffHours = sale ? 90m : 110m - (8m * later),
            Note = "Timesheets of the shop's IT team", CausalityConfirmed = isOwner,
        }, at.AddMinutes(5), cancellationToken);
        return count;
    }

    private static async Task<int> HarborAsync(DemoActor analyst, Guid tenantId, DateOnly month, int fromEnd, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var monthly = Baselines[1].Figures.AnnualRevenue / 12;
        // Card activity climbs to +20% year on year by the month just ended (new customers +15%).
        var growth = 0.20m - (0.03m * Math.Min(fromEnd, 5));
        var count = 0;
        foreach (var (metric, value, source, note) in new[]
        {
            (ReportedMetric.Revenue, decimal.Round(monthly * (1 + growth), 0), "card-switch", $"Card business revenue; card activity +{growth * 100:0}% year on year"),
            (ReportedMetric.RetentionPercent, 91m + (0.4m * (5 - Math.Min(fromEnd, 5))), "online-banking", "Retail customers retained over twelve months"),
        })
        {
            var posted = await analyst.SendAsync<PostReportedFigure, PostedFigure?, PostReportedFigureHandler>(
                new PostReportedFigure(tenantId, "api:" + source, metric, month, value, note), at, cancellationToken);
            Check(posted is not null, $"harbor-bank's {metric} of {month:yyyy-MM}");
            count++;
        }
        count += await SendAsync(analyst, new ReportFigures
        {
            TenantId = tenantId, Month = ValueFormat.Month(month), SecurityStaffHours = 200m + (20m * Math.Min(fromEnd, 5)),
            Note = "From the bank's timesheets, stated at the weekly committee meeting",
        }, at.AddHours(1), cancellationToken);
        return count;
    }

    private static async Task<int> OrbitAsync(DemoActor analyst, Guid tenantId, DateOnly month, int index, int months, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Ten markets over the window, two a month once the compliance checks run; the overseas share of revenue rises
        // from 15% before the service towards 35%, on a domestic revenue that stays as it was.
        int[] plan = [1, 1, 2, 2, 2, 2];
        var step = plan.Length - months + index; // the last months of the plan when the window is shorter
        var opened = step >= 0 ? plan[step] : 0;
        var share = 0.15m + (0.20m * (step + 1) / plan.Length);
        var domestic = Baselines[2].Figures.AnnualRevenue / 12 * 0.85m;
        return await SendAsync(analyst, new ReportFigures
        {
            TenantId = tenantId, Month = ValueFormat.Month(month), Revenue = decimal.Round(domestic / (1 - share), 0), NewMarkets = opened,
            SecurityStaffHours = 100m - (10m * Math.Max(step, 0)),
            // The monthly compliance check: an audit that took two weeks before the service takes three days by the end.
            ComplianceAuditDays = step >= 0 ? AuditDays[step] : null,
            Note = $"Stated by Orbit's CEO: overseas share of revenue {share * 100:0}%; {opened} new market(s) opened with the monthly compliance check, no fine",
        }, at.AddHours(2), cancellationToken);
    }

    private static async Task<int> SendAsync(DemoActor by, ReportFigures figures, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var count = await by.SendAsync<ReportFigures, int?, ReportFiguresHandler>(figures, at, cancellationToken);
        Check(count is > 0, $"the figures of {figures.Month}");
        return count ?? 0;
    }

    // The whole months of the window (at least the month just ended, the sale's).
    private IEnumerable<DateOnly> Months()
    {
        var last = new DateOnly(calendar.Now.Year, calendar.Now.Month, 1).AddMonths(-1);
        var first = new DateOnly(calendar.Start.Year, calendar.Start.Month, 1);
        for (var month = first < last ? first : last; month <= last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    private async Task<Dictionary<string, (Guid Id, DateTimeOffset CreatedAt)>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var rows = await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.Id, t.CreatedAt }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Slug, r => (r.Id, r.CreatedAt));
    }

    private static string Person(PortalRole role) => DemoSeeder.People.First(p => p.Role == role).Email;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Demo value inputs: {what} was refused.");
        }
    }
}
