using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Ingestion;

// Accepts an uploaded file as a batch, streamed chunk by chunk. The source must be visible in the caller's scope
// (the tenant filter answers that), and it decides the tenant. Null: no such source in scope.
public sealed record UploadLogFile(long LogSourceId, Stream File) : ICommand<StoredBatch?>;

internal sealed class UploadLogFileHandler(PortalDbContext db, AcceptBatch accept) : ICommandHandler<UploadLogFile, StoredBatch?>
{
    public async ValueTask<StoredBatch?> Handle(UploadLogFile command, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.AsNoTracking().Where(s => s.Id == command.LogSourceId)
            .Select(s => new { s.Id, s.TenantId }).FirstOrDefaultAsync(cancellationToken);
        return source is null
            ? null
            : await accept.AcceptAsync(source.TenantId, source.Id, IngestChannel.Upload, command.File, null, cancellationToken);
    }
}
