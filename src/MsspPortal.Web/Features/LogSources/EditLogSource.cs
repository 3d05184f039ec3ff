using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.LogSources;

public sealed record GetLogSourceForEdit(long Id) : IQuery<EditLogSource?>;

public sealed record EditLogSource : LogSourceForm, ICommand<bool>
{
    public long Id { get; init; }

    public Guid TenantId { get; init; }
}

public sealed class EditLogSourceValidator : AbstractValidator<EditLogSource>
{
    public EditLogSourceValidator(PortalDbContext db)
    {
        LogSourceFormRules.Apply(this);
        LogSourceFormRules.ApplyUniqueSenders(this, db, f => f.Id);
        RuleFor(f => f.Name).MustAsync(async (form, name, ct) =>
                !await db.LogSources.AnyAsync(s => s.Id != form.Id && s.TenantId == db.LogSources.Where(x => x.Id == form.Id).Select(x => x.TenantId).FirstOrDefault() && s.Name == name.Trim(), ct))
            .WithMessage("This tenant already has a log source with this name.");
        RuleFor(f => f.AssetId).MustAsync(async (form, assetId, ct) =>
                assetId is null || await db.Assets.AnyAsync(a => a.Id == assetId && a.TenantId == db.LogSources.Where(x => x.Id == form.Id).Select(x => x.TenantId).FirstOrDefault(), ct))
            .WithMessage("Choose an asset of the same tenant.");
    }
}

internal sealed class GetLogSourceForEditHandler(PortalDbContext db) : IQueryHandler<GetLogSourceForEdit, EditLogSource?>
{
    public async ValueTask<EditLogSource?> Handle(GetLogSourceForEdit query, CancellationToken cancellationToken) =>
        await db.LogSources.AsNoTracking().Where(s => s.Id == query.Id)
            .Select(s => new EditLogSource
            {
                Id = s.Id, TenantId = s.TenantId, Name = s.Name, Vendor = s.Vendor, Product = s.Product,
                ExpectedFormat = s.ExpectedFormat, SourceAddresses = s.SourceAddresses, AssetId = s.AssetId,
                TimeZone = s.TimeZone,
            })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class EditLogSourceHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditLogSource, bool>
{
    public async ValueTask<bool> Handle(EditLogSource command, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
        if (source is null)
        {
            return false;
        }
        source.Name = command.Name.Trim();
        source.Vendor = command.Vendor.Trim();
        source.Product = command.Product.Trim();
        source.ExpectedFormat = command.ExpectedFormat;
        source.SourceAddresses = LogSourceFormRules.Normalise(command.SourceAddresses);
        source.TimeZone = LogSourceFormRules.NormaliseZone(command.TimeZone);
        source.AssetId = command.AssetId;
        audit.Record(source.TenantId, "log-source.updated", nameof(LogSource), source.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
