using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Tenants;

// The create and edit forms share their fields and rules.
public abstract record TenantForm
{
    public string Name { get; init; } = "";

    public string Slug { get; init; } = "";

    public Industry Industry { get; init; }

    public ServiceTier Tier { get; init; }

    public string TimeZone { get; init; } = "UTC";

    public string Currency { get; init; } = "EUR";

    public bool IsActive { get; init; } = true;
}

internal static class TenantFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator)
        where T : TenantForm
    {
        validator.RuleFor(f => f.Name).NotEmpty().MaximumLength(200);
        validator.RuleFor(f => f.Slug).NotEmpty().MaximumLength(64)
            .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("Use lower-case letters, digits and single dashes (e.g. northwind-shop).");
        validator.RuleFor(f => f.Industry).IsInEnum();
        validator.RuleFor(f => f.Tier).IsInEnum();
        validator.RuleFor(f => f.TimeZone).NotEmpty().Must(BeAKnownTimeZone).WithMessage("Enter an IANA time zone such as Europe/Berlin.");
        validator.RuleFor(f => f.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("Enter a three-letter ISO currency code such as EUR.");
    }

    // Slugs are unique across all tenants, including those the person editing cannot see: the check must look past
    // the tenant filter, and it answers only yes or no, never which tenant holds the slug.
    public static Task<bool> SlugIsFreeAsync(PortalDbContext db, string slug, Guid? exceptTenantId, CancellationToken cancellationToken) =>
        db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .AllAsync(t => t.Slug != slug || t.Id == exceptTenantId, cancellationToken);

    private static bool BeAKnownTimeZone(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
