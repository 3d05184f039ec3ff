using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.LogSources;

public sealed record CreateLogSource : LogSourceForm, ICommand<CreatedLogSource>
{
    public Guid TenantId { get; init; }
}

// The only moment the clear key exists outside the device that will use it.
public sealed record CreatedLogSource(long Id, string Name, string ApiKey);

public sealed class CreateLogSourceValidator : AbstractValidator<CreateLogSource>
{
    public CreateLogSourceValidator(ITenantContext tenant, PortalDbContext db)
    {
        LogSourceFormRules.Apply(this);
        LogSourceFormRules.ApplyUniqueSenders(this, db, _ => 0);
        RuleFor(f => f.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(f => f.Name).MustAsync(async (form, name, ct) =>
                !await db.LogSources.AnyAsync(s => s.TenantId == form.TenantId && s.Name == name.Trim(), ct))
            .WithMessage("This tenant already has a log source with this name.");
        RuleFor(f => f.AssetId).MustAsync(async (form, assetId, ct) =>
                assetId is null || await db.Assets.AnyAsync(a => a.Id == assetId && a.TenantId == form.TenantId, ct))
            .WithMessage("Choose an asset of the same tenant.");
    }
}

internal sealed class CreateLogSourceHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<CreateLogSource, CreatedLogSource>
{
    public async ValueTask<CreatedLogSource> Handle(CreateLogSource command, CancellationToken cancellationToken)
    {
        var key = ApiKeyHasher.Create();
        var source = new LogSource(command.TenantId, key.Prefix, key.Hash)
        {
            Name = command.Name.Trim(),
            Vendor = command.Vendor.Trim(),
            Product = command.Product.Trim(),
            ExpectedFormat = command.ExpectedFormat,
            SourceAddresses = LogSourceFormRules.Normalise(command.SourceAddresses),
            TimeZone = LogSourceFormRules.NormaliseZone(command.TimeZone),
            AssetId = command.AssetId,
        };
        db.LogSources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(source.TenantId, "log-source.created", nameof(LogSource), source.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedLogSource(source.Id, source.Name, key.Key);
    }
}
