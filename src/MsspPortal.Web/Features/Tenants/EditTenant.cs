using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Tenants;

public sealed record GetTenantForEdit(Guid Id) : IQuery<EditTenant?>;

public sealed record EditTenant : TenantForm, ICommand<bool>
{
    public Guid Id { get; init; }
}

public sealed class EditTenantValidator : AbstractValidator<EditTenant>
{
    public EditTenantValidator(PortalDbContext db)
    {
        TenantFormRules.Apply(this);
        RuleFor(f => f).MustAsync((form, ct) => TenantFormRules.SlugIsFreeAsync(db, form.Slug, form.Id, ct))
            .WithName(nameof(EditTenant.Slug)).OverridePropertyName(nameof(EditTenant.Slug))
            .WithMessage("Another tenant already uses this slug.");
    }
}

internal sealed class GetTenantForEditHandler(PortalDbContext db) : IQueryHandler<GetTenantForEdit, EditTenant?>
{
    public async ValueTask<EditTenant?> Handle(GetTenantForEdit query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == query.Id)
            .Select(t => new EditTenant
            {
                Id = t.Id, Name = t.Name, Slug = t.Slug, Industry = t.Industry, Tier = t.Tier,
                TimeZone = t.TimeZone, Currency = t.Currency, IsActive = t.IsActive,
            })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class EditTenantHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditTenant, bool>
{
    public async ValueTask<bool> Handle(EditTenant command, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken);
        if (tenant is null)
        {
            return false;
        }
        tenant.Name = command.Name.Trim();
        tenant.Slug = command.Slug;
        tenant.Industry = command.Industry;
        tenant.Tier = command.Tier;
        tenant.TimeZone = command.TimeZone;
        tenant.Currency = command.Currency;
        tenant.IsActive = command.IsActive;
        audit.Record(tenant.Id, "tenant.updated", nameof(Tenant), tenant.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
