using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;
namespace MsspPortal.Web.Features.Assets;

// A business service: list, choices for the asset form, create and edit. Small enough to share one file.

public sealed record ListBusinessServices : IQuery<IReadOnlyList<BusinessServiceRow>>;

public sealed record BusinessServiceRow(long Id, string Tenant, string Name, string? Description, decimal RevenuePerHour,
    decimal DowntimeCostPerHour, TimeOnly Start, TimeOnly End, BusinessDays Days, string Currency, int Assets);

public sealed record ListBusinessServiceChoices(Guid? TenantId) : IQuery<IReadOnlyList<BusinessServiceChoice>>;

public sealed record BusinessServiceChoice(long Id, string Label);

public abstract record BusinessServiceForm
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public decimal RevenuePerHour { get; init; }

    public decimal DowntimeCostPerHour { get; init; }

    public TimeOnly BusinessHoursStart { get; init; } = new(0, 0);

    public TimeOnly BusinessHoursEnd { get; init; } = new(0, 0);

    /// <summary>One entry per ticked day: a form posts each checkbox separately, and a flags enum binds only the first.</summary>
    public IReadOnlyList<BusinessDays> Days { get; init; } = BusinessServiceFormRules.Split(BusinessDays.All);
}

public sealed record CreateBusinessService : BusinessServiceForm, ICommand<long>
{
    public Guid TenantId { get; init; }
}

public sealed record GetBusinessServiceForEdit(long Id) : IQuery<EditBusinessService?>;

public sealed record EditBusinessService : BusinessServiceForm, ICommand<bool>
{
    public long Id { get; init; }
}

public static class BusinessServiceFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator)
        where T : BusinessServiceForm
    {
        validator.RuleFor(f => f.Name).NotEmpty().MaximumLength(200);
        validator.RuleFor(f => f.Description).MaximumLength(2000);
        validator.RuleFor(f => f.RevenuePerHour).GreaterThanOrEqualTo(0).LessThan(1_000_000_000m);
        validator.RuleFor(f => f.DowntimeCostPerHour).GreaterThanOrEqualTo(0).LessThan(1_000_000_000m);
        validator.RuleFor(f => f.Days).Must(days => days.Count > 0 && days.All(d => SingleDays.Contains(d)))
            .WithMessage("Choose at least one business day.");
    }

    public static readonly BusinessDays[] SingleDays =
    [
        BusinessDays.Monday, BusinessDays.Tuesday, BusinessDays.Wednesday, BusinessDays.Thursday, BusinessDays.Friday,
        BusinessDays.Saturday, BusinessDays.Sunday,
    ];

    public static BusinessDays[] Split(BusinessDays days) => [.. SingleDays.Where(d => days.HasFlag(d))];

    public static void Apply(BusinessServiceForm form, BusinessService service)
    {
        service.Name = form.Name.Trim();
        service.Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim();
        service.RevenuePerHour = form.RevenuePerHour;
        service.DowntimeCostPerHour = form.DowntimeCostPerHour;
        service.BusinessHoursStart = form.BusinessHoursStart;
        service.BusinessHoursEnd = form.BusinessHoursEnd;
        service.BusinessDays = form.Days.Aggregate(BusinessDays.None, (all, day) => all | day);
    }
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

internal sealed class ListBusinessServicesHandler(PortalDbContext db) : IQueryHandler<ListBusinessServices, IReadOnlyList<BusinessServiceRow>>
{
    public async ValueTask<IReadOnlyList<BusinessServiceRow>> Handle(ListBusinessServices query, CancellationToken cancellationToken) =>
        await db.BusinessServices.AsNoTracking()
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new BusinessServiceRow(x.s.Id, x.t.Name, x.s.Name, x.s.Description, x.s.RevenuePerHour, x.s.DowntimeCostPerHour,
                x.s.BusinessHoursStart, x.s.BusinessHoursEnd, x.s.BusinessDays, x.t.Currency, db.Assets.Count(a => a.BusinessServiceId == x.s.Id)))
            .ToListAsync(cancellationToken);
}

internal sealed class ListBusinessServiceChoicesHandler(PortalDbContext db) : IQueryHandler<ListBusinessServiceChoices, IReadOnlyList<BusinessServiceChoice>>
{
    public async ValueTask<IReadOnlyList<BusinessServiceChoice>> Handle(ListBusinessServiceChoices query, CancellationToken cancellationToken)
    {
        var services = db.BusinessServices.AsNoTracking();
        if (query.TenantId is { } tenantId)
        {
            services = services.Where(s => s.TenantId == tenantId);
        }
        return await services.Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new BusinessServiceChoice(x.s.Id, x.t.Name + " · " + x.s.Name))
            .ToListAsync(cancellationToken);
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
