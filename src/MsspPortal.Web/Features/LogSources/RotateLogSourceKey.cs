using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.LogSources;

public sealed record RotateLogSourceKey(long Id) : ICommand<CreatedLogSource?>;

internal sealed class RotateLogSourceKeyHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<RotateLogSourceKey, CreatedLogSource?>
{
    public async ValueTask<CreatedLogSource?> Handle(RotateLogSourceKey command, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
        if (source is null)
        {
            return null;
        }
        // The old key stops working at once: the device must be given the new one.
        var key = ApiKeyHasher.Create();
        source.RotateKey(key.Prefix, key.Hash);
        audit.Record(source.TenantId, "log-source.key-rotated", nameof(LogSource), source.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedLogSource(source.Id, source.Name, key.Key);
    }
}
