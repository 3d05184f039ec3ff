using System.Diagnostics;

namespace MsspPortal.Web.Pipeline;

public enum IngestionPhase
{
    // The writer waited for the next chunk's parse (zero when parsing keeps ahead).
    WaitForParse,
    ReadChunk,
    Claim,
    // Part of Claim: waiting for the write turn (stores of arriving lines go first).
    ClaimTurn,
    InsertEvents,
    // All detection stages; the three phases below split the built-in stage's share of it.
    Detection,
    DetectionContext,
    DetectionEngine,
    DetectionAlerts,
    // DetectionAlerts split: merging detections into alerts (open alerts and link counts loaded, scoring).
    AlertsMerge,
    // Part of AlertsMerge: the reads of open alerts, link counts, contributions and hourly budgets.
    AlertsReads,
    // DetectionAlerts split: the change tracker's scan, history rows and the alerts' save.
    AlertsSave,
    // AlertsSave split: change detection and taking the history rows; the extended alerts' updates and the new
    // alerts' inserts; EF's save (contributions, suppression counts, a new cursor); the history rows' insert.
    SaveTake,
    SaveUpdates,
    SaveEf,
    SaveHistory,
    // DetectionAlerts split: the alert-to-event links.
    AlertsLinks,
    Commit,
    // Detection's windows serialised and saved (on the interval, and when a batch lets its tenant go).
    DetectionState,
    // Decoding and parsing, summed over the parse tasks: off the processing thread, beside it.
    Parse,
    // Off the processing thread: stores' chunk writes with their wait for the turn; the writes alone (the time
    // processing waits for them); acknowledgements (a synced commit).
    StoreChunks,
    StoreChunkWrite,
    StoreAcknowledge,
}

// Where the processing thread's time goes, summed per process: a few timestamps per chunk, so always on. mssp bench
// ingest prints it; it is what to look at before changing the ingestion path.
public static class IngestionTimings
{
    private static readonly long[] Ticks = new long[Enum.GetValues<IngestionPhase>().Length];

    public static long Now => Stopwatch.GetTimestamp();

    // Adds the time since since to the phase and returns the current timestamp.
    public static long Add(IngestionPhase phase, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref Ticks[(int)phase], now - since);
        return now;
    }

    public static IReadOnlyDictionary<IngestionPhase, TimeSpan> Snapshot() =>
        Enum.GetValues<IngestionPhase>().ToDictionary(p => p, p => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref Ticks[(int)p])));

    public static void Reset()
    {
        for (var i = 0; i < Ticks.Length; i++)
        {
            Interlocked.Exchange(ref Ticks[i], 0);
        }
    }
}
