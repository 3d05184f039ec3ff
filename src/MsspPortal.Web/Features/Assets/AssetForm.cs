using FluentValidation;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Assets;

public abstract record AssetForm
{
    public AssetKind Kind { get; init; }

    public string Name { get; init; } = "";

    public string Identifiers { get; init; } = "";

    public int Criticality { get; init; } = 3;

    public string? BusinessService { get; init; }

    public string? BusinessOwner { get; init; }

    public decimal DowntimeCostPerHour { get; init; }
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
        validator.RuleFor(f => f.BusinessService).MaximumLength(200);
        validator.RuleFor(f => f.BusinessOwner).MaximumLength(200);
        validator.RuleFor(f => f.DowntimeCostPerHour).GreaterThanOrEqualTo(0).LessThan(1_000_000_000m);
    }
}
