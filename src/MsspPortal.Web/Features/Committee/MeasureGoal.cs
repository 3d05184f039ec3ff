using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee;

// Measures a goal from the portal's own records and records the value with what was counted and a link to it.
// "incidents.major": incidents of severity High or Critical opened in the goal's period (the tenant's days);
// "incidents.impact": incidents opened in it whose closing recorded interruption minutes or a loss. A value
// key: the value model's monthly figure (ComputeMonthlyValue) for each month the period touches; a goal holds only if
// it holds every month, so the worst month is the measured value (the latest month for "exactly"). The period is the
// goal's, cut at today; an ongoing goal without one is measured on the current month so far.
public sealed record MeasureGoal(long Id) : ICommand<CommitteeChange>;

internal sealed class MeasureGoalHandler(PortalDbContext db, ISender sender, TimeProvider clock, AuditLog audit) : ICommandHandler<MeasureGoal, CommitteeChange>
{
    private const int IdsListed = 10;

    public async ValueTask<CommitteeChange> Handle(MeasureGoal command, CancellationToken cancellationToken)
    {
        if (await db.CommitteeGoals.FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) is not { } goal)
        {
            return CommitteeChange.NotFound;
        }
        if (!GoalMeasures.IsAutomatic(goal.MeasureKey))
        {
            return CommitteeChange.Refused("Id", $"No record of the portal measures \"{goal.Title}\": record its value by hand, with its source.");
        }
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == goal.TenantId)
            .Select(t => new CommitteeTenant(t.Id, t.Slug, t.Name, t.TimeZone)).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, tenant.Zone).DateTime);
        var from = goal.From ?? new DateOnly(today.Year, today.Month, 1);
        var to = goal.To is { } end && end < today ? end : today;
        if (from > today)
        {
            return CommitteeChange.Refused("Id", $"The goal's period starts on {from:yyyy-MM-dd}: there is nothing to measure yet.");
        }

        var (value, source) = goal.MeasureKey is GoalMeasures.MajorIncidents or GoalMeasures.ImpactIncidents
            ? await CountIncidentsAsync(tenant, from, to, goal.MeasureKey == GoalMeasures.ImpactIncidents, cancellationToken)
            : await MonthlyFigureAsync(goal, tenant, from, to, cancellationToken);
        if (value is not { } measured)
        {
            return CommitteeChange.Refused("Id", source);
        }
        goal.Record(measured, now, source);
        audit.Record(goal.TenantId, "committee.goal-measured", nameof(CommitteeGoal), goal.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(goal.Id);
    }

    private async Task<(double?, string)> CountIncidentsAsync(CommitteeTenant tenant, DateOnly from, DateOnly to, bool withImpact, CancellationToken cancellationToken)
    {
        var (start, end) = (StartOfDay(from, tenant.Zone), StartOfDay(to.AddDays(1), tenant.Zone));
        var opened = db.Incidents.AsNoTracking().Where(i => i.TenantId == tenant.Id && i.OpenedAt >= start && i.OpenedAt < end);
        var ids = await (withImpact
                ? opened.Where(i => i.DowntimeMinutes > 0 || i.ActualLoss > 0)
                : opened.Where(i => i.Severity == AlertSeverity.High || i.Severity == AlertSeverity.Critical))
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        var listed = ids.Count == 0 ? "" : ": " + string.Join(", ", ids.Take(IdsListed).Select(id => "#" + id.ToString(CultureInfo.InvariantCulture)))
            + (ids.Count > IdsListed ? ", …" : "");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{ids.Count} incident(s) {(withImpact ? "with interruption or loss recorded" : "of severity High or Critical")} opened {from:yyyy-MM-dd} – {to:yyyy-MM-dd} ({tenant.TimeZone}){listed}");
        var link = ids.Count == 1 ? $"/Incidents/Details/{ids[0]}" : $"/Incidents?tenant={Uri.EscapeDataString(tenant.Slug)}";
        return (ids.Count, GoalMeasures.Source(text, link));
    }

    private async Task<(double?, string)> MonthlyFigureAsync(CommitteeGoal goal, CommitteeTenant tenant, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var months = new List<(DateOnly Month, ValueFigure Figure)>();
        string? label = null;
        string? note = null;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var figures = await sender.Send(new ComputeMonthlyValue(tenant.Id, month.Year, month.Month), cancellationToken);
            if (figures.Find(goal.MeasureKey!) is not { } figure)
            {
                continue;
            }
            label ??= figure.Label;
            note ??= figure.Note;
            if (figure.Value is not null)
            {
                months.Add((month, figure));
            }
        }
        if (months.Count == 0)
        {
            return (null, label is null
                ? $"The value model has no figure \"{goal.MeasureKey}\"."
                : $"No month from {from:yyyy-MM} to {to:yyyy-MM} has a {label.ToLowerInvariant()} figure yet{(note is null ? "" : ": " + note)}");
        }
        var worst = goal.Comparison switch
        {
            GoalComparison.AtMost => months.MaxBy(m => m.Figure.Value!.Value),
            GoalComparison.AtLeast => months.MinBy(m => m.Figure.Value!.Value),
            _ => months[^1],
        };
        var value = (double)worst.Figure.Value!.Value;
        var which = months.Count == 1 ? "" : goal.Comparison == GoalComparison.Exactly ? $", the latest of {months.Count} months" : $", the worst of {months.Count} months";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{worst.Figure.Label}: {value:0.####} {UnitOf(worst.Figure.Unit)} in {worst.Month:MMMM yyyy}{which} (value model)");
        var link = $"/Value?tenant={Uri.EscapeDataString(tenant.Slug)}&month={worst.Month:yyyy-MM}";
        return (value, GoalMeasures.Source(text, link));
    }

    private static string UnitOf(ValueUnit unit) => unit switch
    {
        ValueUnit.Percent => "%",
        ValueUnit.Minutes => "min",
        ValueUnit.Hours => "h",
        ValueUnit.Days => "days",
        ValueUnit.Currency => "",
        _ => "",
    };

    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
