using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Tenants;

public sealed record CreateTenant : TenantForm, ICommand<Guid>;

public sealed class CreateTenantValidator : AbstractValidator<CreateTenant>
{
    public CreateTenantValidator(PortalDbContext db)
    {
        TenantFormRules.Apply(this);
        RuleFor(f => f.Slug).MustAsync((slug, ct) => TenantFormRules.SlugIsFreeAsync(db, slug, null, ct))
            .WithMessage("Another tenant already uses this slug.");
    }
}

internal sealed class CreateTenantHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<CreateTenant, Guid>
{
    public async ValueTask<Guid> Handle(CreateTenant command, CancellationToken cancellationToken)
    {
        var tenant = new Tenant
        {
            Name = command.Name.Trim(),
            Slug = command.Slug,
            Industry = command.Industry,
            Tier = command.Tier,
            TimeZone = command.TimeZone,
            Currency = command.Currency,
            IsActive = command.IsActive,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Tenants.Add(tenant);
        audit.Record(tenant.Id, "tenant.created", nameof(Tenant), tenant.Id);
        await db.SaveChangesAsync(cancellationToken);
        return tenant.Id;
    }
}
