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

public sealed record EditRule : RuleForm, ICommand<bool>
{
    public long Id { get; init; }
}

public sealed record GetRuleForEdit(long Id) : IQuery<EditRule?>;

public sealed class EditRuleValidator : AbstractValidator<EditRule>
{
    public EditRuleValidator() => RuleFormRules.Apply(this);
}

internal sealed class EditRuleHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime) : ICommandHandler<EditRule, bool>
{
    public async ValueTask<bool> Handle(EditRule command, CancellationToken cancellationToken)
    {
        var row = await db.TenantRules.FirstOrDefaultAsync(r => r.Id == command.Id && r.FormJson != null, cancellationToken);
        if (row is null)
        {
            return false;
        }
        var form = command with { TenantId = row.TenantId };
        row.Revise(form.Title.Trim(), form.ToSigmaYaml(row.RuleId, row.Author), form.ToFormJson(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(row.TenantId);
        return true;
    }
}

internal sealed class GetRuleForEditHandler(PortalDbContext db) : IQueryHandler<GetRuleForEdit, EditRule?>
{
    public async ValueTask<EditRule?> Handle(GetRuleForEdit query, CancellationToken cancellationToken)
    {
        var row = await db.TenantRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id && r.FormJson != null, cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<EditRule>(row.FormJson!)! with { Id = row.Id, TenantId = row.TenantId };
    }
}
