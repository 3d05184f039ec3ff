using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

public sealed record CreateBusinessService : BusinessServiceForm, ICommand<long>
{
    public Guid TenantId { get; init; }
}

public sealed class CreateBusinessServiceValidator : AbstractValidator<CreateBusinessService>
{
    public CreateBusinessServiceValidator(ITenantContext tenant, PortalDbContext db)
    {
        BusinessServiceFormRules.Apply(this);
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.Name).MustAsync(async (form, name, ct) => !await db.BusinessServices.AnyAsync(s => s.TenantId == form.TenantId && s.Name == name.Trim(), ct))
            .WithMessage("The tenant already has a service of that name.");
    }
}

internal sealed class CreateBusinessServiceHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<CreateBusinessService, long>
{
    public async ValueTask<long> Handle(CreateBusinessService command, CancellationToken cancellationToken)
    {
        var service = new BusinessService { TenantId = command.TenantId };
        BusinessServiceFormRules.Apply(command, service);
        db.BusinessServices.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(service.TenantId, "business-service.created", nameof(BusinessService), service.Id);
        await db.SaveChangesAsync(cancellationToken);
        return service.Id;
    }
}
