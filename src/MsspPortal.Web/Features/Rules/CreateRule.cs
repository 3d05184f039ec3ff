using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Rules;

public sealed record CreateRule : RuleForm, ICommand<long>;

public sealed class CreateRuleValidator : AbstractValidator<CreateRule>
{
    public CreateRuleValidator(ITenantContext tenant)
    {
        RuleFormRules.Apply(this);
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
    }
}

internal sealed class CreateRuleHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, DetectionRuntime runtime)
    : ICommandHandler<CreateRule, long>
{
    public async ValueTask<long> Handle(CreateRule command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ruleId = $"tenant-{Guid.NewGuid():N}"[..20];
        var author = await AuthorAsync(cancellationToken);
        var row = TenantRule.Add(command.TenantId, ruleId, author, TenantRuleOrigin.Form, command.Title.Trim(),
            command.ToSigmaYaml(ruleId, author), command.ToFormJson(), now);
        db.TenantRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(row.TenantId);
        return row.Id;
    }

    private async Task<string> AuthorAsync(CancellationToken cancellationToken) =>
        user.Id is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "MSSP analyst"
            : "MSSP analyst";
}
