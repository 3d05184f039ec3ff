using MsspPortal.Core.Events;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// The seam between ingestion and detection: ingestion calls it once per committed chunk of one tenant's
/// events, in event order, inside the tenant scope. It evaluates the tenant's enabled rules, scores, and
/// raises or updates alerts (deduplicated), saving its own changes.
/// </summary>
public interface IDetectionStage
{
    ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken);

    /// <summary>
    /// The split form, for a caller that inserts the events in the same unit of work: what the stage can evaluate
    /// before the events have ids (database-free, so the caller runs it beside the insert), or null. Whatever it
    /// returns goes to <see cref="ProcessAsync(Guid, IReadOnlyList{DetectionInput}, EvaluatedEvents?, CancellationToken)"/>
    /// once the ids are set.
    /// </summary>
    ValueTask<Func<EvaluatedEvents>?> PrepareAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Func<EvaluatedEvents>?>(null);

    ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, EvaluatedEvents? evaluated, CancellationToken cancellationToken) =>
        ProcessAsync(tenantId, events, cancellationToken);

    /// <summary>
    /// The unit of work that called <see cref="ProcessAsync"/> rolled back and will run again: forget what was learnt
    /// from the database during it (ids of rows that no longer exist).
    /// </summary>
    void Discard()
    {
    }
}

// A stored event: its row id (for contributing-event links) and its normalised form.
public sealed record DetectionInput(long EventId, long LogSourceId, NormalizedEvent Event);

public sealed record DetectionOutcome(int AlertsRaised, int AlertsUpdated);

// The rules' detections over a list of events, each with the index of the event that completed it.
public sealed class EvaluatedEvents
{
    public List<MsspPortal.Core.Detection.DetectionResult> Detections { get; } = [];

    public List<int> TriggeredBy { get; } = [];
}
