using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Detection.State;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// One owner per tenant's detection at a time, across processes: the windows live in one engine's memory, and two
// workers feeding halves of one brute force into two engines would each count half. The owner holds a lease
// (DetectionOwnership) renewed by its chunks and by the batch heartbeat, saves the tenant's windows at
// StateSaveInterval and when it lets go, and a new owner restores them first.
internal sealed class DetectionOwner(PortalDbContext db, DetectionRuntime runtime, TenantProfileLoader loader, TimeProvider clock,
    IOptions<DetectionOptions> options, ITenantContext tenant, ILogger<DetectionOwner> logger)
{
    public string Id => runtime.OwnerId;

    // Takes the tenant if nobody holds it, this runtime holds it, or its holder's lease ran out; then makes sure
    // the engine holds the tenant's latest saved windows. False: another live worker owns it (the caller defers).
    public async Task<bool> TryAcquireAsync(Guid tenantId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var me = runtime.OwnerId;
        var taken = await db.DetectionOwnerships
            .Where(o => o.TenantId == tenantId && (o.Owner == null || o.Owner == me || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Owner, me).SetProperty(o => o.LeaseUntil, now + lease), cancellationToken);
        if (taken == 0)
        {
            if (await db.DetectionOwnerships.AnyAsync(o => o.TenantId == tenantId, cancellationToken))
            {
                return false;
            }
            db.DetectionOwnerships.Add(DetectionOwnership.Take(tenantId, me, now + lease));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return false; // another worker created the row first: it owns the tenant
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        runtime.SetLeaseWritten(tenantId, now);
        // The version first: the saved windows (megabytes for a busy tenant) are read only when this engine lacks them,
        // not by every batch of a tenant it already runs.
        var version = await db.DetectionOwnerships.Where(o => o.TenantId == tenantId).Select(o => o.StateVersion).FirstAsync(cancellationToken);
        if (runtime.LoadedStateVersion(tenantId) != version)
        {
            // Someone else ran this tenant since this engine last saw it (or this engine is new): its windows are stale.
            await loader.GetAsync(tenantId, cancellationToken); // the tenant's rules first: a restore matches windows to rules by id
            runtime.Engine.Forget(tenantId);
            // The version is read again with the state: this worker holds the lease now, so nobody else saves meanwhile.
            var saved = await db.DetectionOwnerships.AsNoTracking().Where(o => o.TenantId == tenantId)
                .Select(o => new { o.StateVersion, o.State }).FirstAsync(cancellationToken);
            if (saved.State is { } state && JsonSerializer.Deserialize(state, EngineSnapshotJson.Default.EngineSnapshot) is { } snapshot)
            {
                runtime.Engine.Restore(snapshot);
            }
            runtime.SetStateSaved(tenantId, saved.StateVersion, now);
        }
        return true;
    }

    // Renews the lease inside a chunk's transaction, and refuses the chunk if another worker took the tenant
    // meanwhile. A lease this engine wrote less than a third of its length ago cannot have been taken (a taker needs
    // it expired), so that chunk skips the write: one UPDATE per chunk was a tenth of detection's cost.
    public async Task RenewAsync(Guid tenantId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (runtime.LeaseWrittenAt(tenantId) is { } written && now >= written && now - written < lease / 3)
        {
            return;
        }
        var me = runtime.OwnerId;
        var renewed = await db.DetectionOwnerships.Where(o => o.TenantId == tenantId && o.Owner == me)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseUntil, now + lease), cancellationToken);
        if (renewed == 0)
        {
            runtime.SetLeaseWritten(tenantId, null);
            throw new DetectionOwnershipLostException(tenantId);
        }
        // Counted only once the chunk commits: a rolled-back renewal extended nothing.
        _uncommittedLease = (tenantId, now);
    }

    // The chunk's transaction committed, and the lease written in it with it.
    public void ChunkCommitted(Guid tenantId)
    {
        if (_uncommittedLease is { } written && written.TenantId == tenantId)
        {
            runtime.SetLeaseWritten(tenantId, written.At);
        }
        _uncommittedLease = null;
    }

    private (Guid TenantId, DateTimeOffset At)? _uncommittedLease;

    // Saves the tenant's windows when the last save is older than the interval (after a committed chunk).
    public async Task SaveIfDueAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - runtime.StateSavedAt(tenantId) >= options.Value.StateSaveInterval)
        {
            await SaveAsync(tenantId, release: false, cancellationToken);
        }
    }

    // Saves the windows and lets the tenant go: the next batch of this tenant may run on any worker. prepared: the
    // windows serialized ahead (PrepareRelease), written if the engine has not changed them since.
    public async Task ReleaseAsync(Guid tenantId, Task<PreparedWindows?>? prepared = null)
    {
        var windows = prepared is null ? null : await prepared;
        try
        {
            await SaveAsync(tenantId, release: true, windows, CancellationToken.None);
        }
        finally
        {
            if (windows is not null)
            {
                runtime.ReturnStateBuffer(windows.Json);
            }
        }
    }

    // On SQLite: the tenant's windows snapshotted and serialized on the pool once after has run (the batch's last
    // rules), while this thread writes the last chunk; the batch's end then only writes them (serializing at the
    // release was most of its 0.2 s per 1M bench events, on the one writing thread). Null elsewhere, or on failure:
    // the release serializes as before.
    public Task<PreparedWindows?> PrepareRelease(Guid tenantId, Task after)
    {
        if (!db.OnSqlite)
        {
            return Task.FromResult<PreparedWindows?>(null);
        }
        return Task.Run(async () =>
        {
            await after;
            var buffer = runtime.RentStateBuffer();
            try
            {
                var takenAt = clock.GetUtcNow();
                var snapshot = runtime.Engine.CreateSnapshot(tenantId, takenAt, out var engineVersion);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    JsonSerializer.Serialize(writer, snapshot, EngineSnapshotJson.Default.EngineSnapshot);
                }
                return new PreparedWindows(engineVersion, takenAt, buffer);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Windows of tenant {TenantId} not serialized ahead; the release serializes them", tenantId);
                runtime.ReturnStateBuffer(buffer);
                return null;
            }
        });
    }

    // After a failed chunk: the engine has seen events whose writes rolled back, so its windows are not to be
    // trusted. Forget them and let go; the next owner (this runtime too) restores the last save.
    public async Task AbandonAsync(Guid tenantId)
    {
        runtime.SetLeaseWritten(tenantId, null);
        runtime.Engine.Forget(tenantId);
        runtime.SetStateSaved(tenantId, -1, DateTimeOffset.MinValue);
        var me = runtime.OwnerId;
        await db.DetectionOwnerships.Where(o => o.TenantId == tenantId && o.Owner == me)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Owner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    // The tenant's windows now, in memory: taken before a unit of work that a retrying strategy may run twice.
    public EngineSnapshot Checkpoint(Guid tenantId) => runtime.Engine.CreateSnapshot(tenantId);

    // Back to a checkpoint: the attempt that fed the engine rolled back, and the retry feeds the same events again.
    public void Rewind(Guid tenantId, EngineSnapshot checkpoint)
    {
        runtime.Engine.Forget(tenantId);
        runtime.Engine.Restore(checkpoint);
    }

    private async Task SaveAsync(Guid tenantId, bool release, CancellationToken cancellationToken) =>
        await SaveAsync(tenantId, release, null, cancellationToken);

    private async Task SaveAsync(Guid tenantId, bool release, PreparedWindows? prepared, CancellationToken cancellationToken)
    {
        var started = IngestionTimings.Now;
        try
        {
            await SaveOnceAsync(tenantId, release, prepared, cancellationToken);
        }
        finally
        {
            IngestionTimings.Add(IngestionPhase.DetectionState, started);
        }
    }

    private async Task SaveOnceAsync(Guid tenantId, bool release, PreparedWindows? prepared, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (release)
        {
            runtime.SetLeaseWritten(tenantId, null);
        }
        var me = runtime.OwnerId;
        var version = runtime.LoadedStateVersion(tenantId);
        // Serialized ahead and still what the engine holds: saved as taken (its time is the save's).
        var ready = db.OnSqlite && prepared is not null && prepared.EngineVersion == runtime.Engine.StateVersion(tenantId) ? prepared : null;
        if (ready is not null)
        {
            now = ready.TakenAt;
        }
        var snapshot = ready is null ? runtime.Engine.CreateSnapshot(tenantId, now) : null;
        var saved = db.OnSqlite
            ? await SaveOnSqliteAsync(tenantId, me, version, snapshot, ready, release, now, cancellationToken)
            : await SaveStateAsync(tenantId, me, version, JsonSerializer.Serialize(snapshot!, EngineSnapshotJson.Default.EngineSnapshot), release, now,
                cancellationToken);
        if (saved == 0)
        {
            // Not ours any more (our lease ran out and another worker took over): what we hold is stale.
            logger.LogWarning("Detection state of tenant {TenantId} not saved: another worker owns it now", tenantId);
            runtime.SetLeaseWritten(tenantId, null);
            runtime.Engine.Forget(tenantId);
            runtime.SetStateSaved(tenantId, -1, DateTimeOffset.MinValue);
            return;
        }
        runtime.SetStateSaved(tenantId, version + 1, now);
    }

    // The saved windows, the rest of the row, and (when letting go) the owner; null State leaves the column as it is
    // (the SQLite path wrote it just before, in the same transaction).
    private Task<int> SaveStateAsync(Guid tenantId, string me, long version, string? state, bool release, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        return db.DetectionOwnerships.Where(o => o.TenantId == tenantId && o.Owner == me && o.StateVersion == version).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(o => o.StateVersion, version + 1).SetProperty(o => o.StateSavedAt, now);
            if (state is not null)
            {
                s.SetProperty(o => o.State, state);
            }
            if (release)
            {
                s.SetProperty(o => o.Owner, (string?)null).SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null);
            }
        }, cancellationToken);
    }

    // On SQLite the windows' JSON goes from the serializer's UTF-8 straight into the statement: as a string it was
    // two copies of a document of megabytes (UTF-16, then UTF-8 for SQLite) at every batch's end, on the large object
    // heap, about half of all detection allocated (docs/performance.md). The rest of the row is written by EF, in the
    // same transaction.
    private async Task<int> SaveOnSqliteAsync(Guid tenantId, string me, long version, Core.Detection.State.EngineSnapshot? snapshot,
        PreparedWindows? ready, bool release, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!tenant.CanAccess(tenantId))
        {
            throw new TenantAccessViolationException(nameof(DetectionOwnership), tenantId);
        }
        if (db.Database.CurrentTransaction is not null)
        {
            return await WriteOnSqliteAsync(tenantId, me, version, snapshot, ready, release, now, cancellationToken);
        }
        // Its own transaction, as one retriable unit (the configured strategy refuses a transaction begun outside it).
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var saved = await WriteOnSqliteAsync(tenantId, me, version, snapshot, ready, release, now, ct);
            await transaction.CommitAsync(ct);
            return saved;
        }, cancellationToken);
    }

    // snapshot is serialized here; or, when null, ready holds the JSON (its buffer is the caller's to return).
    private async Task<int> WriteOnSqliteAsync(Guid tenantId, string me, long version, Core.Detection.State.EngineSnapshot? snapshot,
        PreparedWindows? ready, bool release, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var handle = SqliteStatement.HandleOf(db) ?? throw new InvalidOperationException("The windows are saved on the context's SQLite connection.");
        var buffer = ready?.Json ?? runtime.RentStateBuffer();
        try
        {
            if (snapshot is not null)
            {
                using var writer = new Utf8JsonWriter(buffer);
                JsonSerializer.Serialize(writer, snapshot, EngineSnapshotJson.Default.EngineSnapshot);
            }
            var statement = db.Statements.Get(handle, StateSql ??= StateUpdateSql(db));
            statement.Utf8Text(1, buffer.WrittenSpan);
            statement.Guid(2, tenantId);
            statement.Text(3, me);
            statement.Int64(4, version);
            statement.Execute();
            if (statement.Changes == 0)
            {
                return 0;
            }
        }
        finally
        {
            if (ready is null)
            {
                runtime.ReturnStateBuffer(buffer);
            }
        }
        return await SaveStateAsync(tenantId, me, version, null, release, now, cancellationToken);
    }

    private static string? StateSql;

    private static string StateUpdateSql(PortalDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(DetectionOwnership)) ?? throw new InvalidOperationException("DetectionOwnership is not in the model.");
        string Column(string property) => type.FindProperty(property)!.GetColumnName();
        return $"UPDATE \"{type.GetTableName()}\" SET \"{Column(nameof(DetectionOwnership.State))}\" = ?1 WHERE \"{Column(nameof(DetectionOwnership.TenantId))}\" = ?2"
            + $" AND \"{Column(nameof(DetectionOwnership.Owner))}\" = ?3 AND \"{Column(nameof(DetectionOwnership.StateVersion))}\" = ?4";
    }
}

// A tenant's windows serialized ahead of its release (DetectionOwner.PrepareRelease), with the engine's version of them.
internal sealed record PreparedWindows(long EngineVersion, DateTimeOffset TakenAt, System.Buffers.ArrayBufferWriter<byte> Json);

// Another worker took the tenant while this one was working (its lease ran out): the chunk rolls back.
public sealed class DetectionOwnershipLostException(Guid tenantId)
    : InvalidOperationException($"Detection of tenant {tenantId} is owned by another worker now.");
