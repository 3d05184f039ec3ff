using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

public abstract record BusinessServiceForm
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public decimal RevenuePerHour { get; init; }

    public decimal DowntimeCostPerHour { get; init; }

    public TimeOnly BusinessHoursStart { get; init; } = new(0, 0);

    public TimeOnly BusinessHoursEnd { get; init; } = new(0, 0);

    // One entry per ticked day: a form posts each checkbox separately, and a flags enum binds only the first.
    public IReadOnlyList<BusinessDays> Days { get; init; } = BusinessServiceFormRules.Split(BusinessDays.All);
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
