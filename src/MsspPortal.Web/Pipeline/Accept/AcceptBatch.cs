using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.Core.Privacy;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// Accepting a batch streams raw log content into a RawBatch: lines are cut into chunks and each chunk is committed
// as it is read, so a large upload is never held in memory and never holds SQLite's single write lock for its whole length
// (processing and every other writer would wait behind it). The batch stays Receiving until the last commit turns
// it pending with its hash and line count; only then is it acknowledged. A store that fails is removed at once; one
// that a dead process left behind is removed by the sweep.
[PipelineEntryPoint]
public sealed class AcceptBatch(PortalDbContext db, TimeProvider clock, IOptions<IngestionOptions> options, WriteTurns turns,
    IBatchDispatcher dispatcher, MaskingPolicies masking)
{
    // How long a receiving batch may go without a new chunk before the sweep removes it.
    public static readonly TimeSpan ReceivingTimeout = TimeSpan.FromMinutes(10);

    private const int ChunksPerWrite = 4;

    // The one way in: every channel (HTTP API, syslog spool, upload, CLI) calls this. The batch is stored durably and
    // only then queued for processing, unless it repeats a batch already stored from the same source, which is kept
    // and marked but not processed twice.
    public async Task<StoredBatch> AcceptAsync(Guid tenantId, long logSourceId, IngestChannel channel, Stream content,
        IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        var stored = await StoreAsync(tenantId, logSourceId, channel, content, bytesRead, cancellationToken);
        if (!stored.Duplicate)
        {
            dispatcher.Enqueue(stored.TenantId, stored.BatchId);
        }
        return stored;
    }

    public async Task<StoredBatch> StoreAsync(Guid tenantId, long logSourceId, IngestChannel channel, Stream content,
        IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        // One connection for the whole store, so the durability switch below applies to the commit that acknowledges.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var batch = RawBatch.BeginReceiving(tenantId, logSourceId, channel, clock.GetUtcNow(), clock.GetUtcNow() + ReceivingTimeout);
        try
        {
            var format = await db.LogSources.Where(s => s.Id == logSourceId).Select(s => s.ExpectedFormat).FirstAsync(cancellationToken);
            db.RawBatches.Add(batch);
            using (await turns.AcceptAsync(cancellationToken))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            var masker = await masking.ForTenantAsync(db, tenantId, cancellationToken);
            var total = await StoreChunksAsync(batch, format, content, masker, bytesRead, cancellationToken);
            return await AcknowledgeAsync(batch, total, cancellationToken);
        }
        catch when (batch.Id != 0 && batch.State == BatchState.Receiving)
        {
            // Nothing was acknowledged: take the partial batch away (its chunks cascade) rather than leave it to the sweep.
            db.ChangeTracker.Clear();
            using (await turns.AcceptAsync(CancellationToken.None))
            {
                await db.RawBatches.Where(b => b.Id == batch.Id && b.State == BatchState.Receiving).ExecuteDeleteAsync(CancellationToken.None);
            }
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Each chunk is masked by the tenant's rules before it is written: nothing unmasked reaches the database. The
    // content hash is taken over what is stored (masked), so a retry of the same content is still recognised and no
    // hash of an unmasked value is kept (decision 0008).
    private async Task<long> StoreChunksAsync(RawBatch batch, LogFormat format, Stream content, ChunkMasker masker, IProgress<long>? bytesRead,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var reader = new LineChunker(settings.LineLimitFor(format), settings.LinesPerChunk, splitJsonArrays: format is LogFormat.Json or LogFormat.Auto);
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        var tally = new MaskTally();
        var pending = new List<RawBatchChunk>(ChunksPerWrite);
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            bytesRead?.Report(total);
            foreach (var chunk in reader.Add(buffer.AsSpan(0, read)))
            {
                pending.Add(NextChunk(batch, Masked(chunk, masker, hash, tally)));
                if (pending.Count == ChunksPerWrite)
                {
                    await WriteChunksAsync(pending, cancellationToken);
                }
                else if (turns.TryAcceptNow(out var turn))
                {
                    using (turn)
                    {
                        await SaveChunksAsync(pending, cancellationToken);
                    }
                }
            }
        }
        if (reader.Complete() is { } last)
        {
            pending.Add(NextChunk(batch, Masked(last, masker, hash, tally)));
        }
        await WriteChunksAsync(pending, cancellationToken);
        batch.Masked(tally.Total);
        batch.Received(Convert.ToHexStringLower(hash.GetHashAndReset()), total);
        return total;
    }

    private static LineChunker.Chunk Masked(LineChunker.Chunk chunk, ChunkMasker masker, IncrementalHash hash, MaskTally tally)
    {
        var masked = chunk with { Content = masker.Mask(chunk.Content, tally) };
        hash.AppendData(masked.Content);
        hash.AppendData("\n"u8);
        return masked;
    }

    private async Task<StoredBatch> AcknowledgeAsync(RawBatch batch, long total, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        try
        {
            return await AcknowledgeInTurnAsync(batch, total, cancellationToken);
        }
        finally
        {
            IngestionTimings.Add(IngestionPhase.StoreAcknowledge, started);
        }
    }

    private async Task<StoredBatch> AcknowledgeInTurnAsync(RawBatch batch, long total, CancellationToken cancellationToken)
    {
        using var turn = await turns.AcceptAsync(cancellationToken);
        var sqlite = db.OnSqlite;
        if (sqlite)
        {
            // Connections run with synchronous=NORMAL (see SqlitePragmas): a commit survives a process crash, not a power
            // cut. This commit acknowledges the batch, so it syncs the WAL (FULL), which makes the chunks committed before
            // it (and every earlier commit on the file) durable too. SQLite refuses the change inside a transaction.
            await db.Database.ExecuteSqlAsync($"PRAGMA synchronous=FULL;", cancellationToken);
        }
        try
        {
            // One retriable unit (SQL Server's strategy refuses a transaction begun outside it).
            var strategy = db.Database.CreateExecutionStrategy();
            var original = await strategy.ExecuteAsync(async cancellationToken =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // The same content from the same source is recognised and kept, but not processed a second time. Not for
                // syslog: it has no retransmission, so two equal flush windows are two real occurrences, not a retry.
                var duplicateOf = batch.Channel == IngestChannel.Syslog ? null : await db.RawBatches.AsNoTracking()
                    .Where(b => b.LogSourceId == batch.LogSourceId && b.ContentHash == batch.ContentHash && b.Id != batch.Id
                        && b.State != BatchState.Duplicate && b.State != BatchState.Receiving)
                    .OrderBy(b => b.Id).Select(b => (long?)b.Id).FirstOrDefaultAsync(cancellationToken);
                db.ChangeTracker.Clear();
                db.RawBatches.Attach(batch);
                batch.AcknowledgementRolledBack(); // a retried attempt starts from receiving again
                batch.Acknowledge(duplicateOf);
                // Named, not found by comparison: an attempt whose commit failed had its changes accepted already.
                var entry = db.Entry(batch);
                foreach (var column in AcknowledgedColumns)
                {
                    entry.Property(column).IsModified = true;
                }
                await db.SaveChangesAsync(cancellationToken);
                await db.LogSources.Where(s => s.Id == batch.LogSourceId).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.ReceivedCount, x => x.ReceivedCount + batch.LineCount)
                    .SetProperty(x => x.LastSeenAt, batch.ReceivedAt), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return duplicateOf;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            return new StoredBatch(batch.Id, batch.TenantId, batch.LineCount, total, original is not null, original);
        }
        catch
        {
            batch.AcknowledgementRolledBack(); // still receiving, so the caller's cleanup applies
            throw;
        }
        finally
        {
            if (sqlite)
            {
                await db.Database.ExecuteSqlAsync($"PRAGMA synchronous=NORMAL;", CancellationToken.None);
            }
        }
    }

    private static readonly string[] AcknowledgedColumns =
    [
        nameof(RawBatch.State), nameof(RawBatch.LeaseUntil), nameof(RawBatch.DuplicateOfBatchId), nameof(RawBatch.CompletedAt),
        nameof(RawBatch.ContentHash), nameof(RawBatch.ByteCount), nameof(RawBatch.LineCount), nameof(RawBatch.ChunkCount), nameof(RawBatch.MaskedValues),
    ];

    private RawBatchChunk NextChunk(RawBatch batch, LineChunker.Chunk chunk) =>
        batch.AppendChunk(chunk.Content, chunk.Lines, clock.GetUtcNow() + ReceivingTimeout);

    // While processing holds the write turn, chunks wait for it a few at a time (compressed, a few hundred KB in all):
    // every turn costs processing a hand-over of the lock on a busy machine, and one per chunk made it wait 0.8 s per
    // million lines beyond the writes themselves (docs/performance.md, issue 17). A free turn is taken at once.
    private async Task WriteChunksAsync(List<RawBatchChunk> chunks, CancellationToken cancellationToken)
    {
        if (chunks.Count == 0)
        {
            return;
        }
        var started = IngestionTimings.Now;
        using (await turns.AcceptAsync(cancellationToken))
        {
            await SaveChunksAsync(chunks, cancellationToken);
        }
        IngestionTimings.Add(IngestionPhase.StoreChunks, started);
    }

    // In their own short transaction (chunks and batch counters together): other writers get the lock between them.
    private async Task SaveChunksAsync(List<RawBatchChunk> chunks, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        db.RawBatchChunks.AddRange(chunks);
        await db.SaveChangesAsync(cancellationToken);
        // Chunks are write-once here: keep the change tracker (and memory) from growing with the upload.
        foreach (var chunk in chunks)
        {
            db.Entry(chunk).State = EntityState.Detached;
        }
        chunks.Clear();
        IngestionTimings.Add(IngestionPhase.StoreChunkWrite, started);
    }
}
