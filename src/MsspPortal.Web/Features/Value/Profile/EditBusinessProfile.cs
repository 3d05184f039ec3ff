using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

public sealed record GetBusinessProfileForEdit(Guid TenantId) : IQuery<EditBusinessProfile?>;

// The profile form: every field nullable so a rejected form shows back exactly what was typed (an empty field stays
// empty rather than becoming 0). Amounts are in the tenant's currency.
public sealed record EditBusinessProfile : ICommand<bool>
{
    public Guid TenantId { get; init; }

    public decimal? CustomerStaffHourlyCost { get; init; }

    public decimal? AverageFraudLoss { get; init; }

    public decimal? InterruptionHoursPerMonth { get; init; }

    public decimal? FraudRatePercent { get; init; }

    public decimal? IncidentsPerMonth { get; init; }

    public decimal? ComplianceAuditDays { get; init; }

    public decimal? CustomerChurnPercent { get; init; }

    public decimal? MeanTimeToRespondHours { get; init; }

    public decimal? CustomerStaffHoursPerMonth { get; init; }

    public decimal? AnnualRevenue { get; init; }

    public DateOnly? MeasuredOn { get; init; }

    public string? Source { get; init; }

    internal bool HasBaselineFigure => new[]
    {
        InterruptionHoursPerMonth, FraudRatePercent, IncidentsPerMonth, ComplianceAuditDays, CustomerChurnPercent, MeanTimeToRespondHours,
        CustomerStaffHoursPerMonth, AnnualRevenue,
    }.Any(v => v is not null);

    internal ValueBaseline Baseline => new()
    {
        InterruptionHoursPerMonth = InterruptionHoursPerMonth, FraudRatePercent = FraudRatePercent, IncidentsPerMonth = IncidentsPerMonth,
        ComplianceAuditDays = ComplianceAuditDays, CustomerChurnPercent = CustomerChurnPercent, MeanTimeToRespondHours = MeanTimeToRespondHours,
        CustomerStaffHoursPerMonth = CustomerStaffHoursPerMonth, AnnualRevenue = AnnualRevenue, MeasuredOn = MeasuredOn,
        Source = string.IsNullOrWhiteSpace(Source) ? null : Source.Trim(),
    };
}

public sealed class EditBusinessProfileValidator : AbstractValidator<EditBusinessProfile>
{
    private const decimal Huge = 1_000_000_000_000m;

    public EditBusinessProfileValidator(ITenantContext tenant, TimeProvider clock)
    {
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.CustomerStaffHourlyCost).NotNull().WithMessage("Enter what an hour of your staff costs (0 if unknown).")
            .GreaterThanOrEqualTo(0).LessThan(1_000_000m).WithMessage("An hourly cost is between 0 and 1,000,000.");
        RuleFor(f => f.AverageFraudLoss).NotNull().WithMessage("Enter the average loss of one fraudulent transaction (0 if you have no fraud).")
            .GreaterThanOrEqualTo(0).LessThan(Huge).WithMessage("A loss is not negative.");
        foreach (var rule in new[]
        {
            RuleFor(f => f.InterruptionHoursPerMonth), RuleFor(f => f.IncidentsPerMonth), RuleFor(f => f.ComplianceAuditDays),
            RuleFor(f => f.MeanTimeToRespondHours), RuleFor(f => f.CustomerStaffHoursPerMonth), RuleFor(f => f.AnnualRevenue),
        })
        {
            rule.GreaterThanOrEqualTo(0).WithMessage("A baseline figure is not negative.").LessThan(Huge);
        }
        RuleFor(f => f.InterruptionHoursPerMonth).LessThanOrEqualTo(744).WithMessage("A month has at most 744 hours.");
        RuleFor(f => f.FraudRatePercent).InclusiveBetween(0, 100).WithMessage("A fraud rate is a percentage between 0 and 100.");
        RuleFor(f => f.CustomerChurnPercent).InclusiveBetween(0, 100).WithMessage("Churn is a percentage between 0 and 100.");
        // A finance person checks the report against the baseline: without when and who, a figure cannot be checked.
        When(f => f.HasBaselineFigure, () =>
        {
            RuleFor(f => f.MeasuredOn).NotNull().WithMessage("Say when the baseline was measured.");
            RuleFor(f => f.Source).NotEmpty().WithMessage("Say who stated the baseline or where it comes from.");
        });
        RuleFor(f => f.MeasuredOn).Must(d => d is null || d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("A baseline is measured before today, not in the future.");
        RuleFor(f => f.Source).MaximumLength(BusinessProfile.MaxSourceLength);
    }
}

internal sealed class GetBusinessProfileForEditHandler(PortalDbContext db) : IQueryHandler<GetBusinessProfileForEdit, EditBusinessProfile?>
{
    public async ValueTask<EditBusinessProfile?> Handle(GetBusinessProfileForEdit query, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == query.TenantId, cancellationToken))
        {
            return null;
        }
        var p = await db.BusinessProfiles.AsNoTracking().FirstOrDefaultAsync(x => x.TenantId == query.TenantId, cancellationToken);
        return p is null
            ? new EditBusinessProfile { TenantId = query.TenantId }
            : new EditBusinessProfile
            {
                TenantId = p.TenantId, CustomerStaffHourlyCost = p.CustomerStaffHourlyCost, AverageFraudLoss = p.AverageFraudLoss,
                InterruptionHoursPerMonth = p.Baseline.InterruptionHoursPerMonth, FraudRatePercent = p.Baseline.FraudRatePercent,
                IncidentsPerMonth = p.Baseline.IncidentsPerMonth, ComplianceAuditDays = p.Baseline.ComplianceAuditDays,
                CustomerChurnPercent = p.Baseline.CustomerChurnPercent, MeanTimeToRespondHours = p.Baseline.MeanTimeToRespondHours,
                CustomerStaffHoursPerMonth = p.Baseline.CustomerStaffHoursPerMonth, AnnualRevenue = p.Baseline.AnnualRevenue,
                MeasuredOn = p.Baseline.MeasuredOn, Source = p.Baseline.Source,
            };
    }
}

internal sealed class EditBusinessProfileHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<EditBusinessProfile, bool>
{
    public async ValueTask<bool> Handle(EditBusinessProfile command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return false;
        }
        var profile = await db.BusinessProfiles.FirstOrDefaultAsync(p => p.TenantId == command.TenantId, cancellationToken);
        if (profile is null)
        {
            profile = BusinessProfile.For(command.TenantId);
            db.BusinessProfiles.Add(profile);
        }
        profile.Update(command.CustomerStaffHourlyCost ?? 0, command.AverageFraudLoss ?? 0, command.Baseline, user.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(profile.TenantId, "business-profile.updated", nameof(BusinessProfile), profile.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
