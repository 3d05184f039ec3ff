using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Demo;

// Each demo committee's responsibility matrix and shared goals, set through the committee's handlers by the MSSP's SOC
// lead at the start of the demo period, and the goals measured at the end through the measuring handler. The MSSP
// runs detection and response; the customer is accountable for business decisions and internal coordination. Goals
// that no record of the portal measures (a compliance fine, cross-border incidents) stay unmeasured: the demo never
// invents a figure.
internal sealed class DemoCommitteeSetup(IServiceProvider services, DemoCalendar calendar)
{
    private const string Actor = "lead@mssp.example";

    private static readonly ResponsibilityArea[] Areas =
        [ResponsibilityArea.Detection, ResponsibilityArea.Response, ResponsibilityArea.BusinessDecisions, ResponsibilityArea.InternalCoordination];

    // Per tenant: each member's letters for detection, response, business decisions, internal coordination ('-': none).
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Email, string Letters)>> Matrix = new Dictionary<string, IReadOnlyList<(string, string)>>
    {
        ["northwind-shop"] =
        [
            ("lead@mssp.example", "AACI"), ("analyst@mssp.example", "RR-I"), ("intel@mssp.example", "RC-I"), ("consultant@mssp.example", "CICC"),
            ("ecommerce@northwind-shop.example", "IIAC"), ("cto@northwind-shop.example", "ICRA"), ("security@northwind-shop.example", "CRIR"),
            ("owner@northwind-shop.example", "--CI"),
        ],
        ["harbor-bank"] =
        [
            ("lead@mssp.example", "AACI"), ("analyst@mssp.example", "RR-I"), ("intel@mssp.example", "RC-I"),
            ("ciso@harbor-bank.example", "ICAR"), ("payments@harbor-bank.example", "ICRA"), ("committee@harbor-bank.example", "IIIR"),
        ],
        ["orbit-saas"] =
        [
            ("analyst@mssp.example", "ARII"), ("intel@mssp.example", "RC-I"), ("consultant@mssp.example", "CACC"),
            ("cto@orbit-saas.example", "ICAR"), ("privacy@orbit-saas.example", "ICRA"),
        ],
    };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await DemoActor.ForAsync(services, Actor, cancellationToken) is not { } lead)
        {
            return; // no demo people (Production)
        }
        var setAt = calendar.Start.AddDays(1);
        // The last three whole months before the demo's today: the period the monthly goals are held over.
        var thisMonth = new DateOnly(calendar.Now.Year, calendar.Now.Month, 1);
        var (quarterFrom, quarterTo) = (thisMonth.AddMonths(-3), thisMonth.AddDays(-1));
        foreach (var (slug, rows) in Matrix)
        {
            var (tenantId, members) = await SeatsAsync(slug, cancellationToken);
            if (tenantId is not { } id)
            {
                continue;
            }
            var cells = rows.Where(r => members.ContainsKey(r.Email))
                .SelectMany(r => Areas.Select((area, i) => new MatrixCell { MemberId = members[r.Email], Area = area, Raci = Letter(r.Letters[i]) }))
                .Where(c => c.Raci is not null).ToList();
            await lead.SendAsync<SetResponsibilityMatrix, CommitteeChange, SetResponsibilityMatrixHandler>(
                new SetResponsibilityMatrix { TenantId = id, Cells = cells }, setAt, cancellationToken);

            var goals = slug switch
            {
                "northwind-shop" => new List<SaveCommitteeGoal>
                {
                    Goal(id, "No major security incident during the November sale", GoalMeasures.ImpactIncidents, GoalComparison.AtMost, 0, "incidents", calendar.SaleStart, calendar.SaleEnd),
                    Goal(id, "Order-fraud rate under 0.1%", ValueKeys.FraudRate, GoalComparison.AtMost, 0.1, "%", quarterFrom, quarterTo),
                },
                "harbor-bank" => new List<SaveCommitteeGoal>
                {
                    Goal(id, "Card fraud rate under 0.05%", ValueKeys.FraudRate, GoalComparison.AtMost, 0.05, "%", quarterFrom, quarterTo),
                    Goal(id, "Transaction interruption at most 1 h a month", ValueKeys.InterruptionMinutes, GoalComparison.AtMost, 60, "min", quarterFrom, quarterTo),
                },
                _ => new List<SaveCommitteeGoal>
                {
                    Goal(id, "No compliance fine this year", null, GoalComparison.AtMost, 0, "fines", new DateOnly(calendar.Now.Year, 1, 1), new DateOnly(calendar.Now.Year, 12, 31)),
                    Goal(id, "Cross-border data incidents down 70% on last year", null, GoalComparison.AtLeast, 70, "% fewer", null, null),
                    Goal(id, "SLA attainment at least 95% every month", ValueKeys.SlaAttainment, GoalComparison.AtLeast, 95, "%", quarterFrom, quarterTo),
                },
            };
            foreach (var goal in goals)
            {
                var saved = await lead.SendAsync<SaveCommitteeGoal, CommitteeChange, SaveCommitteeGoalHandler>(goal, setAt, cancellationToken);
                if (saved.Id is { } goalId && GoalMeasures.IsAutomatic(goal.MeasureKey))
                {
                    // Refused (no figure for the period) leaves the goal unmeasured, as the page then says.
                    await lead.SendAsync<MeasureGoal, CommitteeChange, MeasureGoalHandler>(new MeasureGoal(goalId), calendar.Now, cancellationToken);
                }
            }
        }
    }

    private static SaveCommitteeGoal Goal(Guid tenantId, string title, string? key, GoalComparison comparison, double target, string unit, DateOnly? from, DateOnly? to) =>
        new() { TenantId = tenantId, Title = title, MeasureKey = key, Comparison = comparison, Target = target, Unit = unit, From = from, To = to };

    private static Raci? Letter(char letter) => letter switch
    {
        'R' => Raci.Responsible,
        'A' => Raci.Accountable,
        'C' => Raci.Consulted,
        'I' => Raci.Informed,
        _ => null,
    };

    private async Task<(Guid? TenantId, Dictionary<string, long> Members)> SeatsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenantId = await db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).Where(t => t.Slug == slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        var members = tenantId is null
            ? []
            : await db.CommitteeMembers.IgnoreQueryFilters([PortalDbContext.TenantFilter]).Where(m => m.TenantId == tenantId && m.Active && m.Email != null)
                .ToDictionaryAsync(m => m.Email!, m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return (tenantId, members);
    }
}
