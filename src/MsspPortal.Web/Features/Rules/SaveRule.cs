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

public sealed record EditRule : RuleForm, ICommand<bool>
{
    public long Id { get; init; }
}

public sealed record GetRuleForEdit(long Id) : IQuery<EditRule?>;

public sealed class CreateRuleValidator : AbstractValidator<CreateRule>
{
    public CreateRuleValidator(ITenantContext tenant)
    {
        RuleFormRules.Apply(this);
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
    }
}

public sealed class EditRuleValidator : AbstractValidator<EditRule>
{
    public EditRuleValidator() => RuleFormRules.Apply(this);
}

internal sealed class SaveRuleHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, DetectionRuntime runtime)
    : ICommandHandler<CreateRule, long>, ICommandHandler<EditRule, bool>, IQueryHandler<GetRuleForEdit, EditRule?>
{
    public async ValueTask<long> Handle(CreateRule command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = new TenantRule
        {
            TenantId = command.TenantId,
            RuleId = $"tenant-{Guid.NewGuid():N}"[..20],
            Author = await AuthorAsync(cancellationToken),
            Origin = TenantRuleOrigin.Form,
            Enabled = true,
            CreatedAt = now,
        };
        Apply(command, row, now);
        db.TenantRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(row.TenantId);
        return row.Id;
    }

    public async ValueTask<bool> Handle(EditRule command, CancellationToken cancellationToken)
    {
        var row = await db.TenantRules.FirstOrDefaultAsync(r => r.Id == command.Id && r.FormJson != null, cancellationToken);
        if (row is null)
        {
            return false;
        }
        Apply(command with { TenantId = row.TenantId }, row, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(row.TenantId);
        return true;
    }

    public async ValueTask<EditRule?> Handle(GetRuleForEdit query, CancellationToken cancellationToken)
    {
        var row = await db.TenantRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id && r.FormJson != null, cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize<EditRule>(row.FormJson!)! with { Id = row.Id, TenantId = row.TenantId };
    }

    private static void Apply(RuleForm form, TenantRule row, DateTimeOffset now)
    {
        row.Title = form.Title.Trim();
        row.SigmaYaml = form.ToSigmaYaml(row.RuleId, row.Author);
        row.FormJson = JsonSerializer.Serialize<object>(form);
        row.UpdatedAt = now;
    }

    private async Task<string> AuthorAsync(CancellationToken cancellationToken) =>
        user.Id is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "MSSP analyst"
            : "MSSP analyst";
}
