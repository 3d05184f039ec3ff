using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

public sealed record GetBusinessServiceForEdit(long Id) : IQuery<EditBusinessService?>;

public sealed record EditBusinessService : BusinessServiceForm, ICommand<bool>
{
    public long Id { get; init; }
}

public sealed class EditBusinessServiceValidator : AbstractValidator<EditBusinessService>
{
    public EditBusinessServiceValidator(PortalDbContext db)
    {
        BusinessServiceFormRules.Apply(this);
        RuleFor(f => f.Name).MustAsync(async (form, name, ct) => !await db.BusinessServices.AnyAsync(
                s => s.Id != form.Id && s.Name == name.Trim() && db.BusinessServices.Any(o => o.Id == form.Id && o.TenantId == s.TenantId), ct))
            .WithMessage("The tenant already has a service of that name.");
    }
}

internal sealed class GetBusinessServiceForEditHandler(PortalDbContext db) : IQueryHandler<GetBusinessServiceForEdit, EditBusinessService?>
{
    public async ValueTask<EditBusinessService?> Handle(GetBusinessServiceForEdit query, CancellationToken cancellationToken) =>
        await db.BusinessServices.AsNoTracking().Where(s => s.Id == query.Id)
            .Select(s => new EditBusinessService
            {
                Id = s.Id, Name = s.Name, Description = s.Description, RevenuePerHour = s.RevenuePerHour, DowntimeCostPerHour = s.DowntimeCostPerHour,
                BusinessHoursStart = s.BusinessHoursStart, BusinessHoursEnd = s.BusinessHoursEnd, Days = BusinessServiceFormRules.Split(s.BusinessDays),
            })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class EditBusinessServiceHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditBusinessService, bool>
{
    public async ValueTask<bool> Handle(EditBusinessService command, CancellationToken cancellationToken)
    {
        var service = await db.BusinessServices.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
        if (service is null)
        {
            return false;
        }
        BusinessServiceFormRules.Apply(command, service);
        audit.Record(service.TenantId, "business-service.updated", nameof(BusinessService), service.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
