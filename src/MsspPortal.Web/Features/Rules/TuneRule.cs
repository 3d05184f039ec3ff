using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

// Sets a built-in windowed rule's threshold and window for one tenant (empty = the built-in default), e.g. a larger
// count for a customer whose staff all sit behind one address. Tenant rules are tuned by editing their Sigma.
public sealed record TuneRule(Guid TenantId, string RuleId, int? ThresholdOverride, int? WindowSecondsOverride) : ICommand<bool>;

public sealed class TuneRuleValidator : AbstractValidator<TuneRule>
{
    public const int MaxWindowSeconds = 86_400;

    public TuneRuleValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.RuleId).NotEmpty().MaximumLength(100)
            .Must(id => BuiltInRules.All.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase) && RuleBook.WindowOf(r) is not null))
            .WithMessage("Only built-in rules that count over a window can be tuned here.");
        RuleFor(c => c.ThresholdOverride).InclusiveBetween(1, 100_000);
        // Windows are kept in memory per group; a day is the longest any built-in or peer rule uses.
        RuleFor(c => c.WindowSecondsOverride).InclusiveBetween(1, MaxWindowSeconds)
            .WithMessage("The window is between 1 second and one day (86400 seconds).");
    }
}

internal sealed class TuneRuleHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime) : ICommandHandler<TuneRule, bool>
{
    public async ValueTask<bool> Handle(TuneRule command, CancellationToken cancellationToken)
    {
        var setting = await db.TenantRuleSettings.FirstOrDefaultAsync(s => s.TenantId == command.TenantId && s.RuleId == command.RuleId, cancellationToken);
        if (setting is null)
        {
            setting = new TenantRuleSetting(command.TenantId, command.RuleId);
            db.TenantRuleSettings.Add(setting);
        }
        setting.Tune(command.ThresholdOverride, command.WindowSecondsOverride, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(command.TenantId);
        return true;
    }
}
