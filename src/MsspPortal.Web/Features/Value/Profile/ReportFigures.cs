using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

// The tenant's business figures of one month, entered in the portal. An empty field leaves that figure as it was;
// a filled one replaces it. The causality box is the business owner's statement that security work caused the
// change: only they can make it, and it applies to the figures entered with it.
public sealed record ReportFigures : ICommand<int?>
{
    public Guid TenantId { get; init; }

    // "2026-10", as an <input type="month"> sends it.
    public string? Month { get; init; }

    public decimal? Revenue { get; init; }

    public decimal? ConversionRatePercent { get; init; }

    public decimal? RetentionPercent { get; init; }

    public decimal? NewMarkets { get; init; }

    public decimal? SecurityStaffHours { get; init; }

    public decimal? ComplianceAuditDays { get; init; }

    public string? Note { get; init; }

    public bool CausalityConfirmed { get; init; }

    internal IEnumerable<(ReportedMetric Metric, decimal Value)> Values()
    {
        foreach (var (metric, value) in new[]
        {
            (ReportedMetric.Revenue, Revenue), (ReportedMetric.ConversionRatePercent, ConversionRatePercent), (ReportedMetric.RetentionPercent, RetentionPercent),
            (ReportedMetric.NewMarkets, NewMarkets), (ReportedMetric.SecurityStaffHours, SecurityStaffHours), (ReportedMetric.ComplianceAuditDays, ComplianceAuditDays),
        })
        {
            if (value is { } v)
            {
                yield return (metric, v);
            }
        }
    }
}

public static class ReportedMonth
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    // A figure is reported for a month that has begun, in any time zone.
    public static bool HasBegun(DateOnly month, TimeProvider clock) => month <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1));

    public static bool IsBusinessOwner(ITenantAccess access, Guid tenantId) =>
        access.Grants.Any(g => g.TenantId == tenantId && g.Role == PortalRole.BusinessOwner);
}

// The rules every figure obeys, whichever way it comes in (the form, the API).
internal static class ReportedFigureRules
{
    public const decimal MaxValue = 1_000_000_000_000_000m;

    public static string? Problem(ReportedMetric metric, decimal value) => value switch
    {
        < 0 => "A reported figure is not negative.",
        > 100 when metric is ReportedMetric.ConversionRatePercent or ReportedMetric.RetentionPercent => "A rate is a percentage between 0 and 100.",
        > MaxValue => "The figure is too large.",
        _ when metric == ReportedMetric.NewMarkets && value != decimal.Truncate(value) => "New markets are counted in whole numbers.",
        _ => null,
    };
}

public sealed class ReportFiguresValidator : AbstractValidator<ReportFigures>
{
    public ReportFiguresValidator(ITenantContext tenant, ITenantAccess access, TimeProvider clock)
    {
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.Month).Must(m => ReportedMonth.Parse(m) is not null).WithMessage("Choose the month, as 2026-10.");
        RuleFor(f => f.Month).Must(m => ReportedMonth.HasBegun(ReportedMonth.Parse(m)!.Value, clock))
            .When(f => ReportedMonth.Parse(f.Month) is not null).WithMessage("That month has not begun yet.");
        RuleFor(f => f).Must(f => f.Values().Any()).OverridePropertyName("Revenue")
            .WithMessage("Enter at least one figure for the month.");
        Figure(f => f.Revenue, ReportedMetric.Revenue);
        Figure(f => f.ConversionRatePercent, ReportedMetric.ConversionRatePercent);
        Figure(f => f.RetentionPercent, ReportedMetric.RetentionPercent);
        Figure(f => f.NewMarkets, ReportedMetric.NewMarkets);
        Figure(f => f.SecurityStaffHours, ReportedMetric.SecurityStaffHours);
        Figure(f => f.ComplianceAuditDays, ReportedMetric.ComplianceAuditDays);
        RuleFor(f => f.Note).MaximumLength(ReportedFigure.MaxNoteLength);
        RuleFor(f => f.CausalityConfirmed).Must((f, confirmed) => !confirmed || ReportedMonth.IsBusinessOwner(access, f.TenantId))
            .WithMessage("Only the tenant's business owner can confirm that security caused the change.");
    }

    private void Figure(System.Linq.Expressions.Expression<Func<ReportFigures, decimal?>> pick, ReportedMetric metric) =>
        RuleFor(pick).Must(v => v is null || ReportedFigureRules.Problem(metric, v.Value) is null)
            .WithMessage((_, v) => ReportedFigureRules.Problem(metric, v ?? 0) ?? "");
}

internal sealed class ReportFiguresHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ReportFigures, int?>
{
    public async ValueTask<int?> Handle(ReportFigures command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken) || user.Id is not { } userId)
        {
            return null;
        }
        var month = ReportedMonth.Parse(command.Month)!.Value;
        var now = clock.GetUtcNow();
        var existing = await db.ReportedFigures.Where(f => f.TenantId == command.TenantId && f.Month == month).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var (metric, value) in command.Values())
        {
            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note;
            var figure = existing.FirstOrDefault(f => f.Metric == metric);
            if (figure is null)
            {
                figure = ReportedFigure.Report(command.TenantId, metric, month, value, userId, now, ReportedFigureChannel.Portal, note);
                db.ReportedFigures.Add(figure);
            }
            else
            {
                figure.Restate(value, userId, now, ReportedFigureChannel.Portal, note);
            }
            if (command.CausalityConfirmed)
            {
                figure.ConfirmCausality(userId);
            }
            count++;
        }
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(command.TenantId, "reported-figures.entered", nameof(ReportedFigure), ValueFormat.Month(month));
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }
}
