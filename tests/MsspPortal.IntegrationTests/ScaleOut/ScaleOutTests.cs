using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.ScaleOut;

/// <summary>Several workers against one database, as docker-compose runs them on SQL Server (docs/scaling.md).</summary>
public sealed class ScaleOutTests
{
    private const string Attacker = "198.51.100.77";

    [Fact]
    public async Task A_chunk_whose_commit_fails_transiently_is_retried_whole_and_writes_and_counts_everything_once()
    {
        using var worker = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(worker, "retry");
        var source = await Workers.SourceAsync(worker, tenant);
        // The tenant's detection row exists already (an earlier batch), so the chunk's commit is the first one to fail.
        var warm = await Workers.StoreAsync(worker, tenant.Id, source, Workers.FailedLogons(0, 1, "192.0.2.1"));
        await Workers.ProcessAsync(worker, tenant.Id, warm);
        // 7 failures: below the threshold of 8, but counted twice by a retry that kept the first attempt's windows.
        var batchId = await Workers.StoreAsync(worker, tenant.Id, source, Workers.FailedLogons(0, 7, Attacker));

        worker.Fault.FailNextCommit();
        var result = await Workers.ProcessAsync(worker, tenant.Id, batchId);

        Assert.Equal(1, worker.Fault.Fired);
        Assert.Equal((BatchState.Done, 7), (result.State, result.Events));
        await using var scope = worker.PlatformScope(out var db);
        var lines = await db.SecurityEvents.Where(e => e.BatchId == batchId).Select(e => e.LineNumber).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 7), lines.Order());
        var batch = await db.RawBatches.SingleAsync(b => b.Id == batchId);
        Assert.Equal((7, 1), (batch.EventsWritten, batch.ChunksProcessed));
        Assert.Equal(8, (await db.LogSources.SingleAsync(s => s.Id == source)).ParsedCount);
        Assert.False(await db.Alerts.AnyAsync(a => a.TenantId == tenant.Id && a.SourceIp == Attacker));
    }

    [Fact]
    public async Task A_restart_between_two_halves_of_a_brute_force_still_raises_it()
    {
        var database = SharedDatabase(); // outside the host's folder, as on a volume: the database outlives the worker
        var first = new WorkerFactory(database);
        var tenant = await TestTenant.CreateAsync(first, "restart");
        var source = await Workers.SourceAsync(first, tenant);
        await Workers.ProcessAsync(first, tenant.Id, await Workers.StoreAsync(first, tenant.Id, source, Workers.FailedLogons(0, 5, Attacker)));
        await first.DisposeAsync(); // the worker stops; the next one has a new engine with empty windows
        using var second = new WorkerFactory(database, first.Clock);

        await Workers.ProcessAsync(second, tenant.Id, await Workers.StoreAsync(second, tenant.Id, source, Workers.FailedLogons(5, 5, Attacker)));

        await using var scope = second.PlatformScope(out var db);
        var alert = await db.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource && a.SourceIp == Attacker);
        // Each half alone stays below the threshold of 8: only restored windows make the ten fire.
        Assert.Equal(10, alert.EventCount);
    }

    [Fact]
    public async Task The_windows_saved_when_a_batch_lets_its_tenant_go_are_the_serializers_text_of_the_engines_windows()
    {
        using var worker = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(worker, "state");
        var source = await Workers.SourceAsync(worker, tenant);

        await Workers.ProcessAsync(worker, tenant.Id, await Workers.StoreAsync(worker, tenant.Id, source, Workers.FailedLogons(0, 5, Attacker)));

        await using var scope = worker.PlatformScope(out var db);
        var row = await db.DetectionOwnerships.AsNoTracking().SingleAsync(o => o.TenantId == tenant.Id);
        Assert.Null(row.Owner); // let go with the batch
        Assert.NotNull(row.StateSavedAt);
        var runtime = worker.Services.GetRequiredService<DetectionRuntime>();
        // SQLite gets the serializer's UTF-8 bytes, never a string: the column must read back as that exact text.
        var expected = JsonSerializer.Serialize(runtime.Engine.CreateSnapshot(tenant.Id, row.StateSavedAt), EngineSnapshotJson.Default.EngineSnapshot);
        Assert.Equal(expected, row.State);
        Assert.Contains(Attacker, row.State, StringComparison.Ordinal);
        Assert.Equal(row.StateVersion, runtime.LoadedStateVersion(tenant.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Windows_serialized_ahead_of_the_release_are_saved_only_while_the_engine_still_holds_them(bool changedSince)
    {
        using var worker = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(worker, "ahead");
        var source = await Workers.SourceAsync(worker, tenant);
        await Workers.ProcessAsync(worker, tenant.Id, await Workers.StoreAsync(worker, tenant.Id, source, Workers.FailedLogons(0, 3, Attacker)));
        var runtime = worker.Services.GetRequiredService<DetectionRuntime>();

        await using (var scope = worker.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MsspPortal.Web.Infrastructure.Tenancy.ITenantContext>().Use(tenant.Id);
            var owner = scope.ServiceProvider.GetRequiredService<DetectionOwner>();
            Assert.True(await owner.TryAcquireAsync(tenant.Id, TimeSpan.FromMinutes(1), CancellationToken.None));
            var prepared = owner.PrepareRelease(tenant.Id, Task.CompletedTask);
            Assert.NotNull(await prepared);
            worker.Clock.Advance(TimeSpan.FromSeconds(7));
            if (changedSince)
            {
                // A later failure from another address reaches the windows after they were serialized.
                runtime.Engine.Evaluate(tenant.Id, new MsspPortal.Core.Events.NormalizedEvent
                {
                    Timestamp = new DateTimeOffset(2026, 11, 29, 5, 1, 0, TimeSpan.Zero), EventCategory = "authentication",
                    EventAction = "logon-failed", Outcome = MsspPortal.Core.Events.EventOutcome.Failure, UserName = "user1", SourceIp = "203.0.113.250",
                    HostName = "bastion-01",
                }, new List<MsspPortal.Core.Detection.DetectionResult>());
            }
            await owner.ReleaseAsync(tenant.Id, prepared);
        }

        await using var check = worker.PlatformScope(out var db);
        var row = await db.DetectionOwnerships.AsNoTracking().SingleAsync(o => o.TenantId == tenant.Id);
        Assert.Null(row.Owner);
        // Saved as serialized ahead (taken before the clock moved), or serialized again at the release with the change.
        Assert.Equal(worker.Clock.GetUtcNow() - (changedSince ? TimeSpan.Zero : TimeSpan.FromSeconds(7)), row.StateSavedAt);
        var expected = JsonSerializer.Serialize(runtime.Engine.CreateSnapshot(tenant.Id, row.StateSavedAt), EngineSnapshotJson.Default.EngineSnapshot);
        Assert.Equal(expected, row.State);
        Assert.Equal(changedSince, row.State!.Contains("203.0.113.250", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_workers_taking_turns_on_one_tenant_raise_exactly_what_one_worker_raises()
    {
        using var a = new WorkerFactory();
        var shared = await TestTenant.CreateAsync(a, "two");
        var alone = await TestTenant.CreateAsync(a, "one");
        var sharedSource = await Workers.SourceAsync(a, shared);
        var aloneSource = await Workers.SourceAsync(a, alone);
        using var b = new WorkerFactory(a.DatabaseFile, a.Clock);
        _ = b.Services; // started: both hosts are live workers on one database

        for (var part = 0; part < 4; part++)
        {
            var lines = Workers.FailedLogons(part * 6, 6, Attacker);
            var worker = part % 2 == 0 ? a : b;
            Assert.Equal(BatchState.Done, (await Workers.ProcessAsync(worker, shared.Id, await Workers.StoreAsync(worker, shared.Id, sharedSource, lines))).State);
            Assert.Equal(BatchState.Done, (await Workers.ProcessAsync(a, alone.Id, await Workers.StoreAsync(a, alone.Id, aloneSource, lines))).State);
        }

        await using var scope = a.PlatformScope(out var db);
        var both = await AlertsAsync(db, shared.Id);
        Assert.Contains((BuiltInRuleIds.BruteForceSource, 24), both);
        Assert.Equal(await AlertsAsync(db, alone.Id), both);
    }

    [Fact]
    public async Task A_batch_of_a_tenant_another_worker_owns_waits_and_runs_once_that_lease_has_run_out()
    {
        using var a = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(a, "busy");
        var source = await Workers.SourceAsync(a, tenant);
        await using (var arrange = a.PlatformScope(out var db))
        {
            db.DetectionOwnerships.Add(DetectionOwnership.Take(tenant.Id, "other-worker", a.Clock.GetUtcNow().AddSeconds(30)));
            await db.SaveChangesAsync();
        }
        var batchId = await Workers.StoreAsync(a, tenant.Id, source, Workers.FailedLogons(0, 3, Attacker));

        var deferred = await Workers.ProcessAsync(a, tenant.Id, batchId);
        a.Clock.Advance(TimeSpan.FromSeconds(31)); // the other worker stopped renewing
        var done = await Workers.ProcessAsync(a, tenant.Id, batchId);

        Assert.Equal((BatchState.Pending, 0), (deferred.State, deferred.Events));
        Assert.Equal((BatchState.Done, 3), (done.State, done.Events));
        await using var scope = a.PlatformScope(out var check);
        var batch = await check.RawBatches.SingleAsync(b => b.Id == batchId);
        Assert.Equal(1, batch.Attempts);
        var ownership = await check.DetectionOwnerships.SingleAsync(o => o.TenantId == tenant.Id);
        Assert.Null(ownership.Owner); // let go, with the windows saved
        Assert.NotNull(ownership.State);
    }

    [Fact]
    public async Task The_database_refuses_a_second_event_for_the_same_batch_and_line()
    {
        using var worker = new WorkerFactory();
        var tenant = await TestTenant.CreateAsync(worker, "uniq");
        var source = await Workers.SourceAsync(worker, tenant);
        var batchId = await Workers.StoreAsync(worker, tenant.Id, source, Workers.FailedLogons(0, 2, Attacker));
        await Workers.ProcessAsync(worker, tenant.Id, batchId);

        await using var scope = worker.PlatformScope(out var db);
        var copy = await db.SecurityEvents.AsNoTracking().FirstAsync(e => e.BatchId == batchId && e.LineNumber == 2);
        copy.Id = 0;
        db.SecurityEvents.Add(copy);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("UNIQUE", refused.InnerException?.Message, StringComparison.Ordinal);
        db.ChangeTracker.Clear();
        copy.LineRecord = 1; // another record of the same line (an envelope) is a different event
        db.SecurityEvents.Add(copy);
        await db.SaveChangesAsync();
    }

    private static async Task<List<(string RuleId, int EventCount)>> AlertsAsync(Web.Data.PortalDbContext db, Guid tenantId) =>
        (await db.Alerts.Where(a => a.TenantId == tenantId && a.DedupKey != null).Select(a => new { a.RuleId, a.EventCount }).ToListAsync())
            .Select(a => (a.RuleId, a.EventCount)).Order().ToList();

    private static string SharedDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mssp-tests", "shared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "portal.db");
    }
}
