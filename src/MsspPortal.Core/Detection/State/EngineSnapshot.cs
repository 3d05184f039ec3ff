namespace MsspPortal.Core.Detection.State;

/// <summary>
/// The engine's open windows as plain data, for System.Text.Json. A worker saves one on shutdown (or every few
/// minutes) and restores it on start so that a restart does not forget half-counted brute-force attempts.
/// Rules are matched by id on restore; state of rules that no longer exist is dropped.
/// </summary>
public sealed record EngineSnapshot(int Version, DateTimeOffset? TakenAt, IReadOnlyList<TenantSnapshot> Tenants)
{
    public const int CurrentVersion = 1;
}

public sealed record TenantSnapshot(Guid TenantId, IReadOnlyList<RuleStateSnapshot> Rules);

public sealed record RuleStateSnapshot(string RuleId, IReadOnlyList<GroupSnapshot> Groups);

public sealed record GroupSnapshot(
    string Key,
    DateTimeOffset LastSeen,
    bool Firing,
    IReadOnlyList<DateTimeOffset>? Times,
    IReadOnlyDictionary<string, DateTimeOffset>? Values);
