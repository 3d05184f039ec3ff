using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

// Enables or disables a rule for one tenant; a built-in's tuning (TuneRule) is kept.
public sealed record ToggleRule(Guid TenantId, string RuleId, bool Enabled) : ICommand<bool>;

public sealed class ToggleRuleValidator : AbstractValidator<ToggleRule>
{
    public ToggleRuleValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.RuleId).NotEmpty().MaximumLength(100);
    }
}

internal sealed class ToggleRuleHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime) : ICommandHandler<ToggleRule, bool>
{
    public async ValueTask<bool> Handle(ToggleRule command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (BuiltInRules.All.Any(r => string.Equals(r.Id, command.RuleId, StringComparison.OrdinalIgnoreCase)))
        {
            var setting = await db.TenantRuleSettings.FirstOrDefaultAsync(s => s.TenantId == command.TenantId && s.RuleId == command.RuleId, cancellationToken);
            if (setting is null)
            {
                setting = new TenantRuleSetting(command.TenantId, command.RuleId);
                db.TenantRuleSettings.Add(setting);
            }
            setting.Toggle(command.Enabled, now);
        }
        else
        {
            var rule = await db.TenantRules.FirstOrDefaultAsync(r => r.TenantId == command.TenantId && r.RuleId == command.RuleId, cancellationToken);
            if (rule is null)
            {
                return false;
            }
            rule.Toggle(command.Enabled, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(command.TenantId);
        return true;
    }
}
