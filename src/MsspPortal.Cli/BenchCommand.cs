using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipelines;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;
using Spectre.Console;

namespace MsspPortal.Cli;

// mssp bench ingest --events N : synthetic lines of every format for the demo tenants, streamed through AcceptBatch
// and ProcessBatch (parse, normalise, detect, bulk insert) into a fresh database; reports events/s and peak memory.
// Ends with the line ingest: N events/s .
internal static class BenchCommand
{
    private const string BenchSource = "bench-mixed";

    public static Command Create(CliContext context)
    {
        var events = new Option<int>("--events") { Description = "Events to generate", DefaultValueFactory = _ => 1_000_000 };
        var batchLines = new Option<int>("--batch-lines") { Description = "Lines per batch", DefaultValueFactory = _ => 100_000 };
        var noDetection = new Option<bool>("--no-detection") { Description = "Skip detection, to measure its share" };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Events ingested before the clock starts, so the JIT has optimised the hot code (0 for none)",
            DefaultValueFactory = _ => 50_000,
        };
        var ingest = new Command("ingest", "Measure ingestion throughput (events/s) and peak memory") { events, batchLines, noDetection, warmup };
        ingest.SetAction(async (parsed, cancellationToken) =>
        {
            var total = parsed.GetValue(events);
            var perBatch = parsed.GetValue(batchLines);
            var warm = parsed.GetValue(warmup);
            if (total <= 0 || perBatch <= 0 || warm < 0)
            {
                return await MsspCli.UsageAsync(ingest, context, "--events and --batch-lines must be positive, --warmup not negative.", cancellationToken);
            }
            var given = parsed.GetValue(context.Data);
            var data = given is { Length: > 0 } ? given : Path.Combine(Path.GetTempPath(), "mssp-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                return await RunAsync(parsed, context, data, new BenchRun(total, perBatch, warm, parsed.GetValue(noDetection)), cancellationToken);
            }
            finally
            {
                if (given is not { Length: > 0 })
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Directory.Delete(data, recursive: true);
                }
            }
        });
        return new Command("bench", "Benchmarks against a scratch database") { ingest, SyslogBench.Create(context), QueueBench.Create(context), ValueBench.Create(context) };
    }

    private static async Task<int> RunAsync(ParseResult parsed, CliContext context, string data, BenchRun run, CancellationToken cancellationToken)
    {
        var (total, perBatch, warmup, noDetection) = run;
        using var host = CliHost.Build(parsed, context, data, services =>
        {
            // The bench needs the demo tenants, not their six months of history.
            services.Configure<DemoOptions>(o => o.Days = 1);
            if (noDetection)
            {
                services.RemoveAll<IDetectionStage>();
            }
        });
        var sources = await PrepareAsync(host.Services, cancellationToken);
        var detection = noDetection ? "off" : "on (built-in rules, scoring, alerts)";
        await context.Output.WriteLineAsync($"bench: {total:N0} events in batches of {perBatch:N0} into {data} (detection: {detection}, warm-up {warmup:N0} events)");

        var start = TimeProvider.System.GetUtcNow().AddHours(-2);
        // A worker runs for days: what counts is its steady state, not the first seconds in which the JIT is still
        // compiling and re-optimising the hot path (on 2 cores that competes with the work). Warm up untimed, as
        // BenchmarkDotNet does, on earlier timestamps so the timed batches stay in time order.
        var input = Path.Combine(data, "bench-input");
        var warmBatches = await GenerateAsync(input, Enumerable.Range(0, (warmup + perBatch - 1) / perBatch)
            .Select(b => (sources[b % sources.Count], Math.Min(perBatch, warmup - (b * perBatch)), 1_000_000 + b, start.AddMinutes(-10 * (b + 1)))), cancellationToken);
        await IngestAsync(host.Services, warmBatches, new BenchTotals(), () => { }, cancellationToken);
        var timedBatches = await GenerateAsync(input, Enumerable.Range(0, (total + perBatch - 1) / perBatch)
            .Select(b => (sources[b % sources.Count], Math.Min(perBatch, total - (b * perBatch)), b, start.AddMinutes(b * 10))), cancellationToken);

        // As in the worker role: WAL pages are checkpointed beside the writer, not inside its commits.
        var checkpointer = host.Services.GetService<SqliteCheckpointer>();
        await (checkpointer?.StartAsync(cancellationToken) ?? Task.CompletedTask);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        IngestionTimings.Reset();
        var jitBefore = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var gcBefore = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var totals = new BenchTotals();
        await console.Progress().StartAsync(async progress =>
        {
            var bar = progress.AddTask("Ingesting", maxValue: total);
            await IngestAsync(host.Services, timedBatches, totals, () => bar.Value = totals.Lines, cancellationToken);
        });
        clock.Stop();
        await (checkpointer?.StopAsync(CancellationToken.None) ?? Task.CompletedTask);

        process.Refresh();
        var rate = (long)(totals.Events / clock.Elapsed.TotalSeconds);
        // On a shared machine wall time depends on the neighbours; CPU time says what the work itself costs.
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gc = GC.GetGCMemoryInfo();
        await context.Output.WriteLineAsync($"lines {totals.Lines:N0}, events {totals.Events:N0}, quarantined {totals.Quarantined:N0}, alerts {totals.Alerts:N0} in {clock.Elapsed.TotalSeconds:F1} s " +
            $"(store {totals.Store.TotalSeconds:F1} s, process {totals.Process.TotalSeconds:F1} s); CPU {cpu.TotalSeconds:F1} s = {totals.Events / cpu.TotalSeconds:N0} events per CPU-second");
        await context.Output.WriteLineAsync($"memory: peak working set {process.PeakWorkingSet64 / 1048576} MB, GC heap peak {gc.HeapSizeBytes / 1048576} MB " +
            $"(committed {gc.TotalCommittedBytes / 1048576} MB), allocated {allocated / Math.Max(1, totals.Events):N0} B per event");
        await context.Output.WriteLineAsync($"GC during the run: collections gen0 {GC.CollectionCount(0) - gcBefore.Item2}, gen1 {GC.CollectionCount(1) - gcBefore.Item3}, " +
            $"gen2 {GC.CollectionCount(2) - gcBefore.Item4}, pauses {(GC.GetTotalPauseDuration() - gcBefore.Item1).TotalSeconds:F2} s");
        if (!noDetection)
        {
            var engine = host.Services.GetRequiredService<DetectionRuntime>().Engine;
            await context.Output.WriteLineAsync($"detection state: {engine.OpenWindows:N0} open windows, {engine.DroppedGroups:N0} groups dropped at the cap");
        }
        var phases = IngestionTimings.Snapshot();
        await context.Output.WriteLineAsync($"JIT during the run: {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore.Item1).TotalSeconds:F2} s, " +
            $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore.Item2:N0} methods");
        await context.Output.WriteLineAsync("processing thread: " + string.Join(", ", phases.Select(p => $"{p.Key} {p.Value.TotalSeconds:F2} s")));
        await context.Output.WriteLineAsync("sqlite: " + (SqliteLibrary.MultiThread ? "multi-thread mode" : "serialized mode") +
            (SqliteBinder.IsDirect ? ", event insert through direct calls into e_sqlite3" : "") +
            (GlibcMalloc.Applied ? ", glibc mmap threshold fixed at 128 KB" : ""));
        await context.Output.WriteLineAsync($"ingest: {rate} events/s");
        return 0;
    }

    // Migrates, seeds the demo tenants if the database is empty, and gives each a mixed-format source.
    private static async Task<List<SyslogSource>> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (!await seeder.HasAnyTenantAsync(cancellationToken))
        {
            await seeder.SeedAsync(includeUsers: false, null, cancellationToken);
        }
        var tenant = scope.ServiceProvider.GetRequiredService<ITenantContext>();
        tenant.SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenantIds = await db.Tenants.OrderBy(t => t.Slug).Select(t => t.Id).ToListAsync(cancellationToken);
        var sources = new List<SyslogSource>();
        foreach (var tenantId in tenantIds)
        {
            var existing = await db.LogSources.Where(s => s.TenantId == tenantId && s.Name == BenchSource).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                var source = new LogSource(tenantId, "bench" + Guid.NewGuid().ToString("N")[..7], "none")
                {
                    Name = BenchSource, Vendor = "Synthetic", Product = "Mixed", ExpectedFormat = LogFormat.Auto,
                };
                db.LogSources.Add(source);
                await db.SaveChangesAsync(cancellationToken);
                existing = source.Id;
            }
            sources.Add(new SyslogSource(tenantId, existing.Value));
        }
        return sources;
    }

    // Store, then process, batch after batch. (Storing the next batch while one is processed, as web and worker
    // roles do, was measured slower on 2 cores: parsing and writing already keep both busy.)
    private static async Task IngestAsync(IServiceProvider services, IReadOnlyList<BenchBatch> batches, BenchTotals totals, Action progress,
        CancellationToken cancellationToken)
    {
        Task<StoredBatch>? next = null;
        for (var i = 0; i < batches.Count; i++)
        {
            var stored = await (next ?? StoreAsync(services, batches[i], totals, cancellationToken));
            var following = i + 1;
            next = following < batches.Count ? Task.Run(() => StoreAsync(services, batches[following], totals, cancellationToken), cancellationToken) : null;
            await ProcessAsync(services, batches[i].Source, stored, totals, cancellationToken);
            progress();
        }
    }

    private static async Task<StoredBatch> StoreAsync(IServiceProvider services, BenchBatch batch, BenchTotals totals, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(batch.Source.TenantId);
        var timer = Stopwatch.StartNew();
        StoredBatch stored;
        // Streamed from the file written before the clock started, as a request body is read from the network.
        await using (var input = new FileStream(batch.Input, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan))
        {
            stored = await scope.ServiceProvider.GetRequiredService<AcceptBatch>().StoreAsync(batch.Source.TenantId, batch.Source.LogSourceId, IngestChannel.Cli, input, null, cancellationToken);
        }
        totals.AddStore(timer.Elapsed);
        File.Delete(batch.Input);
        return stored;
    }

    // Writes each batch's synthetic lines to a file before the clock starts: the lines stand for what devices send,
    // and the senders' work (formatting log lines) is not the portal's. Streamed through a pipe, never whole in
    // memory.
    private static async Task<List<BenchBatch>> GenerateAsync(string folder, IEnumerable<(SyslogSource Source, int Lines, int Seed, DateTimeOffset Start)> plan,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var batches = new List<BenchBatch>();
        foreach (var (source, lines, seed, start) in plan)
        {
            var path = Path.Combine(folder, $"batch-{seed}.log");
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                var writer = PipeWriter.Create(file);
                await SyntheticLogs.WriteAsync(writer, lines, seed, start, cancellationToken);
            }
            batches.Add(new BenchBatch(source, lines, path));
        }
        return batches;
    }

    private static async Task ProcessAsync(IServiceProvider services, SyslogSource source, StoredBatch stored, BenchTotals totals, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(source.TenantId);
        var timer = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessBatch(stored.BatchId), cancellationToken);
        totals.Process += timer.Elapsed;
        totals.Lines += stored.Lines;
        totals.Events += result.Events;
        totals.Quarantined += result.Quarantined;
        totals.Alerts += result.AlertsRaised;
    }

    private sealed record BenchBatch(SyslogSource Source, int Lines, string Input);

    private sealed record BenchRun(int Events, int BatchLines, int Warmup, bool NoDetection);

    private sealed class BenchTotals
    {
        public int Lines { get; set; }

        public long Events { get; set; }

        public long Quarantined { get; set; }

        public long Alerts { get; set; }

        private long _storeTicks;

        public TimeSpan Store => TimeSpan.FromTicks(Interlocked.Read(ref _storeTicks));

        public void AddStore(TimeSpan elapsed) => Interlocked.Add(ref _storeTicks, elapsed.Ticks);

        public TimeSpan Process { get; set; }
    }
}
