using FluentValidation;
using Mediator;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Assets;

public sealed record CreateAsset : AssetForm, ICommand<long>
{
    public Guid TenantId { get; init; }
}

public sealed class CreateAssetValidator : AbstractValidator<CreateAsset>
{
    public CreateAssetValidator(ITenantContext tenant, PortalDbContext db)
    {
        AssetFormRules.Apply(this);
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.BusinessServiceId).MustAsync(async (form, id, ct) => await AssetFormRules.ServiceBelongsToAsync(db, form.TenantId, id, ct))
            .WithMessage("Choose a business service of the asset's tenant.");
    }
}

internal sealed class CreateAssetHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<CreateAsset, long>
{
    public async ValueTask<long> Handle(CreateAsset command, CancellationToken cancellationToken)
    {
        var asset = new Asset { TenantId = command.TenantId };
        AssetMapping.Apply(command, asset);
        db.Assets.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(asset.TenantId, "asset.created", nameof(Asset), asset.Id);
        await db.SaveChangesAsync(cancellationToken);
        return asset.Id;
    }
}

internal static class AssetMapping
{
    public static void Apply(AssetForm form, Asset asset)
    {
        asset.Kind = form.Kind;
        asset.Name = form.Name.Trim();
        asset.Identifiers = string.Join(",", form.Identifiers.Split([',', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        asset.Criticality = form.Criticality;
        asset.BusinessServiceId = form.BusinessServiceId;
        asset.BusinessOwner = string.IsNullOrWhiteSpace(form.BusinessOwner) ? null : form.BusinessOwner.Trim();
    }
}
