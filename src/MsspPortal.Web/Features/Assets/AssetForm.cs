using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Assets;

public abstract record AssetForm
{
    public AssetKind Kind { get; init; }

    public string Name { get; init; } = "";

    public string Identifiers { get; init; } = "";

    public int Criticality { get; init; } = 3;

    // The business service the asset supports; its revenue and downtime cost live on the service.
    public long? BusinessServiceId { get; init; }

    public string? BusinessOwner { get; init; }
}

internal static class AssetFormRules
{
    public static void Apply<T>(AbstractValidator<T> validator)
        where T : AssetForm
    {
        validator.RuleFor(f => f.Kind).IsInEnum();
        validator.RuleFor(f => f.Name).NotEmpty().MaximumLength(200);
        validator.RuleFor(f => f.Identifiers).NotEmpty().WithMessage("Give at least one address or host name, so events can be matched to this asset.")
            .MaximumLength(2000);
        validator.RuleFor(f => f.Criticality).InclusiveBetween(1, 5).WithMessage("Criticality goes from 1 (lowest) to 5 (business-critical).");
        validator.RuleFor(f => f.BusinessOwner).MaximumLength(200);
    }

    // No service, or one of the asset's own tenant: the tenant filter alone would allow a sibling tenant's.
    public static async Task<bool> ServiceBelongsToAsync(PortalDbContext db, Guid tenantId, long? serviceId, CancellationToken cancellationToken) =>
        serviceId is not { } id || await db.BusinessServices.AnyAsync(s => s.Id == id && s.TenantId == tenantId, cancellationToken);
}
