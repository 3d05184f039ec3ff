using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Ingestion;

public sealed record StoredBatch(long BatchId, Guid TenantId, int Lines, long Bytes, bool Duplicate, long? DuplicateOf);

/// <summary>
/// Streams raw log content into a <see cref="RawBatch"/>: lines are cut into chunks and written as they are read,
/// so a large upload is never held in memory. The batch is committed, hash and all, before the caller acknowledges.
/// </summary>
public sealed class BatchWriter(PortalDbContext db, TimeProvider clock, IOptions<IngestionOptions> options)
{
    public async Task<StoredBatch> StoreAsync(Guid tenantId, long logSourceId, IngestChannel channel, Stream content,
        IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await StoreCoreAsync(tenantId, logSourceId, channel, content, bytesRead, cancellationToken);
        }
        // Connections run with synchronous=NORMAL (see SqlitePragmas): a commit survives a process crash, not a power
        // cut. A stored batch is acknowledged, so its commit syncs the WAL (FULL), which also makes every earlier
        // commit on the file durable. SQLite refuses the change inside a transaction: set it on the held connection
        // first; the next open of this pooled connection sets NORMAL again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"PRAGMA synchronous=FULL;", cancellationToken);
            return await StoreCoreAsync(tenantId, logSourceId, channel, content, bytesRead, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<StoredBatch> StoreCoreAsync(Guid tenantId, long logSourceId, IngestChannel channel, Stream content,
        IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = new RawBatch { TenantId = tenantId, LogSourceId = logSourceId, Channel = channel, ReceivedAt = clock.GetUtcNow() };
        db.RawBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var reader = new LineChunker(settings.MaxLineBytes, settings.LinesPerChunk);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
            bytesRead?.Report(total);
            foreach (var chunk in reader.Add(buffer.AsSpan(0, read)))
            {
                await WriteChunkAsync(batch, chunk, cancellationToken);
            }
        }
        if (reader.Complete() is { } last)
        {
            await WriteChunkAsync(batch, last, cancellationToken);
        }

        batch.ContentHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        batch.ByteCount = total;
        // The same content from the same source is recognised and kept, but not processed a second time. Not for
        // syslog: it has no retransmission, so two equal flush windows are two real occurrences, not a retry.
        var original = channel == IngestChannel.Syslog ? null : await db.RawBatches.AsNoTracking()
            .Where(b => b.LogSourceId == logSourceId && b.ContentHash == batch.ContentHash && b.Id != batch.Id && b.State != BatchState.Duplicate)
            .OrderBy(b => b.Id).Select(b => (long?)b.Id).FirstOrDefaultAsync(cancellationToken);
        if (original is not null)
        {
            batch.State = BatchState.Duplicate;
            batch.DuplicateOfBatchId = original;
            batch.CompletedAt = batch.ReceivedAt;
        }
        await db.SaveChangesAsync(cancellationToken);
        await db.LogSources.Where(s => s.Id == logSourceId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ReceivedCount, x => x.ReceivedCount + batch.LineCount)
            .SetProperty(x => x.LastSeenAt, batch.ReceivedAt), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new StoredBatch(batch.Id, tenantId, batch.LineCount, total, original is not null, original);
    }

    private async Task WriteChunkAsync(RawBatch batch, LineChunker.Chunk chunk, CancellationToken cancellationToken)
    {
        var row = new RawBatchChunk
        {
            TenantId = batch.TenantId,
            BatchId = batch.Id,
            Sequence = batch.ChunkCount,
            FirstLine = batch.LineCount + 1,
            LineCount = chunk.Lines,
            Content = chunk.Content,
        };
        db.RawBatchChunks.Add(row);
        batch.ChunkCount++;
        batch.LineCount += chunk.Lines;
        await db.SaveChangesAsync(cancellationToken);
        // Chunks are write-once here: keep the change tracker (and memory) from growing with the upload.
        db.Entry(row).State = EntityState.Detached;
    }
}
