using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Assets;

public sealed record GetAssetForEdit(long Id) : IQuery<EditAsset?>;

public sealed record EditAsset : AssetForm, ICommand<bool>
{
    public long Id { get; init; }

    // Read for the service choices only; an asset never moves between tenants.
    public Guid TenantId { get; init; }
}

public sealed class EditAssetValidator : AbstractValidator<EditAsset>
{
    public EditAssetValidator(PortalDbContext db)
    {
        AssetFormRules.Apply(this);
        RuleFor(f => f.BusinessServiceId).MustAsync(async (form, id, ct) => id is null
                || await db.Assets.Where(a => a.Id == form.Id).Select(a => (Guid?)a.TenantId).FirstOrDefaultAsync(ct) is not { } tenantId
                || await AssetFormRules.ServiceBelongsToAsync(db, tenantId, id, ct))
            .WithMessage("Choose a business service of the asset's tenant.");
    }
}

internal sealed class GetAssetForEditHandler(PortalDbContext db) : IQueryHandler<GetAssetForEdit, EditAsset?>
{
    public async ValueTask<EditAsset?> Handle(GetAssetForEdit query, CancellationToken cancellationToken) =>
        await db.Assets.AsNoTracking().Where(a => a.Id == query.Id)
            .Select(a => new EditAsset
            {
                Id = a.Id, Kind = a.Kind, Name = a.Name, Identifiers = a.Identifiers, Criticality = a.Criticality,
                BusinessServiceId = a.BusinessServiceId, BusinessOwner = a.BusinessOwner, TenantId = a.TenantId,
            })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class EditAssetHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditAsset, bool>
{
    public async ValueTask<bool> Handle(EditAsset command, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (asset is null)
        {
            return false;
        }
        AssetMapping.Apply(command, asset);
        audit.Record(asset.TenantId, "asset.updated", nameof(Asset), asset.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
