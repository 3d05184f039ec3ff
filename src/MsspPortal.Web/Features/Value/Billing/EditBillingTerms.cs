using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Value.Billing;

public sealed record GetBillingTerms(long ContractId) : IQuery<EditBillingTerms?>;

// A contract's billing terms as the form edits them. Tenant fields are shown, never read back: the contract's id decides.
public sealed record EditBillingTerms : ICommand<bool>
{
    public long Id { get; init; }

    public string TenantSlug { get; init; } = "";

    public string TenantName { get; init; } = "";

    public string TenantCurrency { get; init; } = "";

    public BillingPeriod BillingPeriod { get; init; }

    // Empty: the tenant's currency.
    public string? Currency { get; init; }

    public decimal? BaseFee { get; init; }

    public decimal? RevenueSharePercent { get; init; }

    public decimal? RevenueShareThresholdPercent { get; init; }

    public RevenueShareReading RevenueShareReading { get; init; }

    public decimal? RevenueShareCap { get; init; }

    public decimal? SlaCreditCap { get; init; }

    public List<CreditTerms> Credits { get; init; } = [];

    public sealed record CreditTerms
    {
        public AlertSeverity Severity { get; init; }

        // Empty: no credit for this severity.
        public decimal? TargetAttainmentPercent { get; init; }

        public decimal? CreditPercent { get; init; }
    }
}

public sealed class EditBillingTermsValidator : AbstractValidator<EditBillingTerms>
{
    public EditBillingTermsValidator()
    {
        RuleFor(c => c.BillingPeriod).IsInEnum();
        RuleFor(c => c.RevenueShareReading).IsInEnum();
        RuleFor(c => c.Currency).Matches("^[A-Za-z]{3}$").When(c => !string.IsNullOrWhiteSpace(c.Currency))
            .WithMessage("Enter a three-letter ISO 4217 code such as EUR, or leave empty for the tenant's currency.");
        RuleFor(c => c.BaseFee).NotNull().WithMessage("Enter the base fee per billing period (0 for none).")
            .GreaterThanOrEqualTo(0).WithMessage("The base fee is not negative.");
        RuleFor(c => c.RevenueSharePercent).NotNull().WithMessage("Enter the share of revenue growth (0 for none).")
            .InclusiveBetween(0, 100).WithMessage("A share is between 0 and 100 percent.");
        RuleFor(c => c.RevenueShareThresholdPercent).NotNull().WithMessage("Enter the growth threshold in percent.")
            .InclusiveBetween(0, 1000).WithMessage("A growth threshold is between 0 and 1000 percent.");
        RuleFor(c => c.RevenueShareCap).GreaterThanOrEqualTo(0).WithMessage("A cap is not negative.");
        RuleFor(c => c.SlaCreditCap).GreaterThanOrEqualTo(0).WithMessage("A cap is not negative.");
        RuleForEach(c => c.Credits).ChildRules(credit =>
        {
            credit.RuleFor(c => c.Severity).IsInEnum();
            credit.RuleFor(c => c.TargetAttainmentPercent).InclusiveBetween(0, 100).WithMessage("An attainment target is between 0 and 100 percent.");
            credit.RuleFor(c => c.CreditPercent).InclusiveBetween(0, 100).WithMessage("A credit is between 0 and 100 percent of the base fee.");
            credit.RuleFor(c => c.CreditPercent).NotNull().When(c => c.TargetAttainmentPercent is not null)
                .WithMessage("Enter the credit in percent of the base fee for a severity with a target.");
        });
    }
}

internal sealed class GetBillingTermsHandler(PortalDbContext db) : IQueryHandler<GetBillingTerms, EditBillingTerms?>
{
    public async ValueTask<EditBillingTerms?> Handle(GetBillingTerms query, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.AsNoTracking().Include(c => c.SlaTargets).FirstOrDefaultAsync(c => c.Id == query.ContractId, cancellationToken);
        if (contract is null)
        {
            return null;
        }
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == contract.TenantId, cancellationToken);
        return new EditBillingTerms
        {
            Id = contract.Id,
            TenantSlug = tenant.Slug,
            TenantName = tenant.Name,
            TenantCurrency = tenant.Currency,
            BillingPeriod = contract.BillingPeriod,
            Currency = contract.Currency,
            BaseFee = contract.BaseFee,
            RevenueSharePercent = contract.RevenueSharePercent,
            RevenueShareThresholdPercent = contract.RevenueShareThresholdPercent,
            RevenueShareReading = contract.RevenueShareReading,
            RevenueShareCap = contract.RevenueShareCap,
            SlaCreditCap = contract.SlaCreditCap,
            Credits = [.. contract.SlaTargets.OrderByDescending(t => t.Severity)
                .Select(t => new EditBillingTerms.CreditTerms { Severity = t.Severity, TargetAttainmentPercent = t.TargetAttainmentPercent, CreditPercent = t.CreditPercent })],
        };
    }
}

internal sealed class EditBillingTermsHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditBillingTerms, bool>
{
    public async ValueTask<bool> Handle(EditBillingTerms command, CancellationToken cancellationToken)
    {
        // The tenant filter applies: another tenant's contract is simply not found.
        var contract = await db.ServiceContracts.Include(c => c.SlaTargets).FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (contract is null)
        {
            return false;
        }
        contract.Bill(command.BillingPeriod, command.BaseFee ?? 0, command.Currency);
        contract.ShareRevenueGrowth(command.RevenueSharePercent ?? 0, command.RevenueShareThresholdPercent ?? 0, command.RevenueShareReading, command.RevenueShareCap);
        contract.CapSlaCredits(command.SlaCreditCap);
        // Credits apply to the severities the contract promises a service level for; others are not on the form.
        foreach (var credit in command.Credits.Where(c => contract.SlaTargets.Any(t => t.Severity == c.Severity)))
        {
            contract.CreditWhenMissed(credit.Severity, credit.TargetAttainmentPercent, credit.CreditPercent ?? 0);
        }
        audit.Record(contract.TenantId, "contract.billing-terms-updated", nameof(ServiceContract), contract.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
