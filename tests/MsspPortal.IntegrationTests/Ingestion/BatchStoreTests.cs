using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Ingestion;

/// <summary>
/// A batch is committed chunk by chunk while it arrives, so a long upload never holds SQLite's single write lock;
/// it is acknowledged (pending) only by its last commit, and a store that never finishes leaves nothing behind.
/// </summary>
public sealed class BatchStoreTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    private static string Lines(int from, int count) => string.Concat(Enumerable.Range(from, count).Select(i =>
        $"<38>Nov 29 05:{i % 60:00}:00 bastion-01 sshd[411]: Failed password for user{i} from 203.0.113.{i % 250} port 50{i:000} ssh2\n"));

    [Fact]
    public async Task While_an_upload_is_still_arriving_other_batches_are_processed_and_it_is_acknowledged_only_when_complete()
    {
        var (tenant, source) = await SourceAsync();
        var finished = await StoreAsync(tenant, source, new MemoryStream(Encoding.UTF8.GetBytes(Lines(1, 9))));
        using var gated = new GatedStream(Encoding.UTF8.GetBytes(Lines(20, 4)), Encoding.UTF8.GetBytes(Lines(30, 5)));

        var arriving = StoreAsync(tenant, source, gated);
        var receiving = await WaitForAsync(async db => await db.RawBatches.AsNoTracking()
            .FirstOrDefaultAsync(b => b.LogSourceId == source && b.State == BatchState.Receiving && b.ChunkCount >= 1));

        // The first chunk of the upload is committed and the upload is still open; processing writes meanwhile.
        // With one transaction per upload this waited for the write lock until the busy timeout.
        var processed = await ProcessAsync(tenant, finished.BatchId).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((BatchState.Done, 9), (processed.State, processed.Events));
        Assert.Equal(0, await SweepAsync()); // not pending, not offered to a worker
        Assert.DoesNotContain(factory.Dispatcher.Dispatched, d => d.BatchId == receiving.Id);
        Assert.False(arriving.IsCompleted);

        gated.Open();
        var stored = await arriving.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((receiving.Id, 9, false), (stored.BatchId, stored.Lines, stored.Duplicate));
        await using var scope = factory.PlatformScope(out var check);
        var batch = await check.RawBatches.SingleAsync(b => b.Id == stored.BatchId);
        Assert.Equal((BatchState.Pending, 9, 3, (DateTimeOffset?)null), (batch.State, batch.LineCount, batch.ChunkCount, batch.LeaseUntil));
        Assert.Equal(64, batch.ContentHash.Length);
        var afterProcessing = await ProcessAsync(tenant, stored.BatchId);
        Assert.Equal(9, afterProcessing.Events);
    }

    [Fact]
    public async Task Chunks_are_kept_compressed_and_read_back_byte_for_byte_and_chunks_stored_plain_before_still_process()
    {
        var (tenant, source) = await SourceAsync();
        var content = Lines(1, 9);
        var stored = await StoreAsync(tenant, source, new MemoryStream(Encoding.UTF8.GetBytes(content)));

        await using (var scope = factory.PlatformScope(out var db))
        {
            var chunks = await db.RawBatchChunks.AsNoTracking().Where(c => c.BatchId == stored.BatchId).OrderBy(c => c.Sequence).ToListAsync();
            Assert.Equal(3, chunks.Count);
            Assert.All(chunks, c => Assert.Equal(ChunkEncoding.Brotli, c.Encoding));
            Assert.All(chunks, c => Assert.True(c.Content.Length < c.ContentLength, $"{c.Content.Length} stored bytes for {c.ContentLength}"));
            Assert.Equal(content, string.Concat(chunks.Select(c => Encoding.UTF8.GetString(StoredChunks.Decoded(c)) + "\n")));

            // A chunk as stored before encodings existed: the lines themselves, Encoding 0, no length.
            var first = chunks[0];
            var plain = StoredChunks.Decoded(first);
            await db.Database.ExecuteSqlAsync($"UPDATE RawBatchChunks SET Content = {plain}, Encoding = 0, ContentLength = 0 WHERE Id = {first.Id}");
            // A cut compressed chunk is refused with its id, never read as fewer lines.
            var last = chunks[^1];
            var damaged = last.Content[..^4];
            await db.Database.ExecuteSqlAsync($"UPDATE RawBatchChunks SET Content = {damaged} WHERE Id = {last.Id}");
            var reread = await db.RawBatchChunks.AsNoTracking().SingleAsync(c => c.Id == last.Id);
            var error = Assert.Throws<InvalidDataException>(() => StoredChunks.Decoded(reread));
            Assert.Contains($"Chunk {last.Id}", error.Message, StringComparison.Ordinal);
            await db.Database.ExecuteSqlAsync($"UPDATE RawBatchChunks SET Content = {last.Content} WHERE Id = {last.Id}");
        }

        var processed = await ProcessAsync(tenant, stored.BatchId);

        Assert.Equal((BatchState.Done, 9, 0), (processed.State, processed.Events, processed.Quarantined));
        await using var check = factory.PlatformScope(out var events);
        var lines = await events.SecurityEvents.AsNoTracking().Where(e => e.BatchId == stored.BatchId).OrderBy(e => e.LineNumber)
            .Select(e => e.RawLine).ToListAsync();
        Assert.Equal(content.TrimEnd('\n').Split('\n'), lines);
    }

    [Fact]
    public async Task A_store_that_fails_midway_is_removed_and_one_abandoned_by_a_dead_process_is_swept_after_its_timeout()
    {
        var (tenant, source) = await SourceAsync();
        using var failing = new GatedStream(Encoding.UTF8.GetBytes(Lines(1, 7)), [], fail: true);
        failing.Open();

        await Assert.ThrowsAsync<IOException>(() => StoreAsync(tenant, source, failing));

        long abandonedId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.RawBatches.AnyAsync(b => b.LogSourceId == source));
            Assert.False(await db.RawBatchChunks.AnyAsync(c => c.TenantId == tenant.Id && !db.RawBatches.Any(b => b.Id == c.BatchId)));
            // What a process killed mid-upload leaves: a receiving batch with a chunk, never acknowledged.
            var lease = factory.Clock.GetUtcNow() + AcceptBatch.ReceivingTimeout;
            var abandoned = RawBatch.BeginReceiving(tenant.Id, source, IngestChannel.Api, factory.Clock.GetUtcNow(), lease);
            db.RawBatches.Add(abandoned);
            await db.SaveChangesAsync();
            db.RawBatchChunks.Add(abandoned.AppendChunk(Encoding.UTF8.GetBytes(Lines(1, 3)), 3, lease));
            await db.SaveChangesAsync();
            abandonedId = abandoned.Id;
        }

        await SweepAsync();
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.True(await db.RawBatches.AnyAsync(b => b.Id == abandonedId)); // still within its timeout: may yet finish
        }

        factory.Clock.Advance(AcceptBatch.ReceivingTimeout + TimeSpan.FromMinutes(1));
        await SweepAsync();

        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.RawBatches.AnyAsync(b => b.Id == abandonedId));
            Assert.False(await db.RawBatchChunks.AnyAsync(c => c.BatchId == abandonedId));
            Assert.False(await db.SecurityEvents.AnyAsync(e => e.BatchId == abandonedId));
        }
        Assert.DoesNotContain(factory.Dispatcher.Dispatched, d => d.BatchId == abandonedId);
    }

    private async Task<StoredBatch> StoreAsync(TestTenant tenant, long source, Stream content)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        return await scope.ServiceProvider.GetRequiredService<AcceptBatch>().StoreAsync(tenant.Id, source, IngestChannel.Api, content, null, CancellationToken.None);
    }

    private async Task<BatchProcessingResult> ProcessAsync(TestTenant tenant, long batchId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(batchId));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<SweepBatchesJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private async Task<T> WaitForAsync<T>(Func<Web.Data.PortalDbContext, Task<T?>> probe)
        where T : class
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = factory.PlatformScope(out var db))
            {
                if (await probe(db) is { } found)
                {
                    return found;
                }
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The upload's first chunk was never committed.");
            await Task.Delay(20);
        }
    }

    private async Task<(TestTenant Tenant, long SourceId)> SourceAsync()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id,
            Name = "store-" + Guid.NewGuid().ToString("N")[..8],
            Vendor = "OpenBSD",
            Product = "sshd",
            ExpectedFormat = LogFormat.Auto,
        });
        return (tenant, created.Id);
    }

    /// <summary>An upload that sends its first part, then waits (a slow sender) before the rest, or fails there.</summary>
    private sealed class GatedStream(byte[] first, byte[] rest, bool fail = false) : Stream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _stage;

        public void Open() => _gate.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (_stage++)
            {
                case 0:
                    first.CopyTo(buffer);
                    return first.Length;
                case 1:
                    await _gate.Task.WaitAsync(cancellationToken);
                    if (fail)
                    {
                        throw new IOException("The sender went away.");
                    }
                    rest.CopyTo(buffer);
                    return rest.Length;
                default:
                    return 0;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
