using System.Diagnostics;

namespace MsspPortal.Web.Pipeline;

public enum IngestionPhase
{
    /// <summary>The writer waited for the next chunk's parse (zero when parsing keeps ahead).</summary>
    WaitForParse,
    ReadChunk,
    Claim,
    InsertEvents,
    /// <summary>All detection stages; the three phases below split the built-in stage's share of it.</summary>
    Detection,
    DetectionContext,
    DetectionEngine,
    DetectionAlerts,
    /// <summary>DetectionAlerts split: merging detections into alerts (open alerts and link counts loaded, scoring).</summary>
    AlertsMerge,
    /// <summary>DetectionAlerts split: the change tracker's scan, history rows and the alerts' save.</summary>
    AlertsSave,
    /// <summary>DetectionAlerts split: the alert-to-event links.</summary>
    AlertsLinks,
    Commit,
    /// <summary>Decoding and parsing, summed over the parse tasks: off the processing thread, beside it.</summary>
    Parse,
}

/// <summary>
/// Where the processing thread's time goes, summed per process: a few timestamps per chunk, so always on.
/// <c>mssp bench ingest</c> prints it; it is what to look at before changing the ingestion path.
/// </summary>
public static class IngestionTimings
{
    private static readonly long[] Ticks = new long[Enum.GetValues<IngestionPhase>().Length];

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> to the phase and returns the current timestamp.</summary>
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
