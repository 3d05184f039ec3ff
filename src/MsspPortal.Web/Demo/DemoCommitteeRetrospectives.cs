using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Features.Committee.Retrospectives;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// Each demo committee's retrospective of the last quarter that has ended (Q3, July-September, when the demo runs in
// December), as the product makes it, on the demo clock: assembled from the records by the MSSP chair on the first
// weekday of the next quarter's second week, annotated with lessons and strategy changes written from what the pack
// shows (every number below is read from the pack), then signed by the customer's chair and the MSSP chair. Skipped
// when the demo's records do not cover the quarter (a short seed).
internal sealed class DemoCommitteeRetrospectives(IServiceProvider services, DemoCalendar calendar)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        var quarter = (now.Month - 1) / 3; // the quarter before the current one (1-based), 0 when it was last year's Q4
        var (year, number) = quarter == 0 ? (now.Year - 1, 4) : (now.Year, quarter);
        var signed = 0;
        foreach (var (tenantId, slug, zone) in await TenantsAsync(cancellationToken))
        {
            var q = new RetrospectiveAssembler.Quarter(year, number, RetrospectiveAssembler.Zone(zone));
            var seats = DemoCommittee.Seats.GetValueOrDefault(slug);
            var customerChair = seats?.FirstOrDefault(s => s.Side == Domain.CommitteeSide.Customer && s.Role == Domain.CommitteeRole.Chair);
            var msspChair = seats?.FirstOrDefault(s => s.Side == Domain.CommitteeSide.Mssp && s.Role == Domain.CommitteeRole.Chair);
            var assembleAt = q.Start(q.LastDay.AddDays(6)).AddHours(9);
            if (q.From < calendar.Start || assembleAt.AddDays(2) > now || customerChair is null || msspChair is null)
            {
                continue;
            }
            var mssp = await DemoActor.ForAsync(services, msspChair.Email, cancellationToken);
            var customer = await DemoActor.ForAsync(services, customerChair.Email, cancellationToken);
            if (mssp is null || customer is null)
            {
                continue;
            }
            var assembled = await mssp.SendAsync<AssembleRetrospective, RetrospectiveChange, AssembleRetrospectiveHandler>(
                new AssembleRetrospective(tenantId, year, number), assembleAt, cancellationToken);
            if (assembled.RetrospectiveId is not { } id)
            {
                continue;
            }
            var pack = await PackAsync(id, cancellationToken);
            var (lessons, strategy) = Notes(slug, pack);
            // The meeting: the MSSP chair records the notes, the customer's chair signs first, then the MSSP chair.
            var meetingAt = assembleAt.AddDays(1).AddHours(1);
            await mssp.SendAsync<AnnotateRetrospective, RetrospectiveChange, AnnotateRetrospectiveHandler>(
                new AnnotateRetrospective(id, lessons, strategy), meetingAt.AddMinutes(50), cancellationToken);
            await customer.SendAsync<SignRetrospective, RetrospectiveChange, SignRetrospectiveHandler>(new SignRetrospective(id), meetingAt.AddMinutes(55), cancellationToken);
            var done = await mssp.SendAsync<SignRetrospective, RetrospectiveChange, SignRetrospectiveHandler>(new SignRetrospective(id), meetingAt.AddMinutes(57), cancellationToken);
            signed += done.Error is null ? 1 : 0;
        }
        return signed;
    }

    // Lessons and strategy changes as the committee would write them from the pack: each number is the pack's.
    internal static (string Lessons, string Strategy) Notes(string slug, RetrospectivePack pack)
    {
        var c = CultureInfo.InvariantCulture;
        var lessons = new StringBuilder();
        var strategy = new StringBuilder();
        var incidents = pack.Incidents;
        if (incidents.Count == 0)
        {
            lessons.AppendLine(c, $"- No incident in {pack.Label}: detection and triage held the alerts before they reached the business.");
        }
        else
        {
            var worst = incidents.Items.OrderByDescending(i => i.DowntimeMinutes ?? 0).ThenByDescending(i => i.Severity).First();
            lessons.AppendLine(c, $"- {incidents.Count} incidents with {incidents.DowntimeMinutes} minutes of interruption and {RetrospectivePdf.Money(incidents.ActualLoss, pack.Currency)} of actual loss; the largest was \"{worst.Title}\" ({worst.DowntimeMinutes ?? 0} min{(worst.BusinessService is { } s ? $" on {s}" : "")}).");
        }
        if (pack.Value.Trend.FirstOrDefault(t => t.Key == ValueKeys.AttacksStopped) is { } attacks)
        {
            lessons.AppendLine(c, $"- Attacks stopped per month: {string.Join(", ", attacks.Values.Select(v => v?.ToString("0", c) ?? "-"))}.");
        }
        if (pack.Sla.FirstOrDefault(s => s.Severity == "all") is { Quarter: { } sla } all)
        {
            lessons.AppendLine(c, $"- SLA attainment over the quarter: {sla.ToString("0.#", c)}% ({all.Met} of {all.Decided} deadlines met).");
            var weakest = pack.Sla.Where(s => s.Severity != "all" && s.Quarter is not null).OrderBy(s => s.Quarter).FirstOrDefault();
            if (weakest is not null && weakest.Quarter < sla)
            {
                strategy.AppendLine(c, $"- Raise {weakest.Severity} SLA attainment from {weakest.Quarter!.Value.ToString("0.#", c)}%: review the {weakest.Severity} queue in the weekly sync.");
            }
        }
        var actions = pack.ActionItems;
        lessons.AppendLine(c, $"- Action items: {actions.Created} raised, {actions.Done} done, {actions.Dropped} dropped; {actions.OpenAtEnd} open and {actions.OverdueAtEnd} overdue at the quarter's end.");
        if (actions.OverdueAtEnd > 0)
        {
            strategy.AppendLine(c, $"- Clear the {actions.OverdueAtEnd} overdue action items before the next weekly sync; owners report in the sync.");
        }
        if (pack.Disputes.Count > 0)
        {
            lessons.AppendLine(c, $"- {pack.Disputes.Count} report figure(s) disputed ({string.Join(", ", pack.Disputes.Select(d => $"{d.ReportMonth} {d.FigureKey}"))}): the estimates rest on assumptions the committee had not approved.");
            strategy.AppendLine(c, $"- Approve the value model's assumptions in the committee before the next report is published.");
        }
        if (pack.Coverage.FirstSeenInQuarter.Count > 0)
        {
            lessons.AppendLine(c, $"- New ATT&CK techniques seen in alerts: {string.Join(", ", pack.Coverage.FirstSeenInQuarter.Take(5).Select(t => $"{t.Id} {t.Name}"))}.");
        }
        foreach (var missed in pack.Activations.Where(a => a.TargetMet == false))
        {
            lessons.AppendLine(c, $"- The emergency activation of {missed.DeclaredAt:yyyy-MM-dd} missed the 15-minute target.");
        }
        strategy.AppendLine(slug switch
        {
            "northwind-shop" => "- Prepare the November sale: security assessment a month before, stress test and emergency drill a week before, joint live watch during it.",
            "harbor-bank" => "- Keep card-fraud detection accuracy above 99% with false positives under 0.1%; re-tune the card-testing rules with the payments team.",
            _ => "- Run the monthly data-compliance check for each new market before it opens; share overseas threat intelligence in the weekly sync.",
        });
        return (lessons.ToString().TrimEnd(), strategy.ToString().TrimEnd());
    }

    private async Task<RetrospectivePack> PackAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var json = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Retrospectives.Where(r => r.Id == id).Select(r => r.Pack).SingleAsync(cancellationToken);
        return RetrospectivePack.Read(json);
    }

    private async Task<List<(Guid Id, string Slug, string TimeZone)>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var rows = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Slug, t.TimeZone }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.Slug, r.TimeZone))];
    }
}
