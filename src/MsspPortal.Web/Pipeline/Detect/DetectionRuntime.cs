using System.Collections.Concurrent;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Intel;
using MsspPortal.Core.Scoring;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// The process-wide detection state (singleton): one engine holding every tenant's open windows, the entity-risk
/// sums, the threat-intel index, and per tenant the rules, assets and windows last loaded from the database.
/// </summary>
[PipelineEntryPoint]
public sealed class DetectionRuntime
{
    private readonly ConcurrentDictionary<Guid, TenantProfile> _profiles = new();

    public DetectionRuntime(Microsoft.Extensions.Options.IOptions<DetectionOptions> options)
    {
        Engine = new DetectionEngine(BuiltInRules.All, new DetectionEngineOptions
        {
            Intel = Intel,
            Locations = new LocationResolver(options.Value.CountryRangePairs()),
        });
    }

    public ThreatIntelStore Intel { get; } = new();

    public DetectionEngine Engine { get; }

    public EntityRiskAccumulator EntityRisk { get; } = new();

    // Alerts known (from the database) to hold the most event links they may have. Links are never removed and
    // alert ids never return, so once true this stays true: their link count is not asked for again on every chunk.
    internal System.Collections.Concurrent.ConcurrentDictionary<long, byte> LinksFull { get; } = new();

    // This engine as a tenant owner: unique per runtime, so two runtimes (two processes) never share a lease.
    public string OwnerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private readonly ConcurrentDictionary<Guid, (long Version, DateTimeOffset At)> _saved = new();

    // Which saved version of a tenant's windows this engine holds (-1: none it can trust).
    internal long LoadedStateVersion(Guid tenantId) => _saved.TryGetValue(tenantId, out var s) ? s.Version : -1;

    internal DateTimeOffset StateSavedAt(Guid tenantId) => _saved.TryGetValue(tenantId, out var s) ? s.At : DateTimeOffset.MinValue;

    internal void SetStateSaved(Guid tenantId, long version, DateTimeOffset at) => _saved[tenantId] = (version, at);

    // When this engine last wrote its lease on a tenant (null: it holds none it can count on).
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _leaseWritten = new();

    internal DateTimeOffset? LeaseWrittenAt(Guid tenantId) => _leaseWritten.TryGetValue(tenantId, out var at) ? at : null;

    internal void SetLeaseWritten(Guid tenantId, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            _leaseWritten[tenantId] = value;
        }
        else
        {
            _leaseWritten.TryRemove(tenantId, out _);
        }
    }

    // One buffer for the windows' JSON, reused by every save (megabytes for a busy tenant: a new one each time went to
    // the large object heap); a save running beside another (two tenants at once) gets its own.
    private System.Buffers.ArrayBufferWriter<byte>? _stateBuffer;

    internal System.Buffers.ArrayBufferWriter<byte> RentStateBuffer() => Interlocked.Exchange(ref _stateBuffer, null) ?? new(64 * 1024);

    internal void ReturnStateBuffer(System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= MaxKeptStateBuffer)
        {
            buffer.ResetWrittenCount();
            _stateBuffer = buffer;
        }
    }

    // A tenant whose windows outgrow this is rare: its buffer is not kept between saves.
    private const int MaxKeptStateBuffer = 16 * 1024 * 1024;

    internal string? MsspIntelStamp { get; set; }

    internal CatalogSnapshot? Catalog { get; set; }

    internal TenantProfile? Profile(Guid tenantId) => _profiles.GetValueOrDefault(tenantId);

    internal void Store(TenantProfile profile) => _profiles[profile.TenantId] = profile;

    // Drops what this process cached about a tenant, after a change made here (other processes notice by stamp or
    // age).
    public void Invalidate(Guid tenantId) => _profiles.TryRemove(tenantId, out _);

    public void InvalidateCatalog() => Catalog = null;
}

// Settings under "Detection".
public sealed class DetectionOptions
{
    public const string Section = "Detection";

    // Address ranges whose country the devices do not report, as "CIDR=CC" (e.g. "203.0.113.0/24=AR"): the
    // new-location rule then compares countries, not networks. A list, not a map: IPv6 ranges contain ':', which
    // configuration keys cannot.
    public List<string> CountryRanges { get; set; } = [];

    // How often the owner of a tenant saves its open windows while it works (it also saves whenever it lets the
    // tenant go). A crash loses at most this much of the windows' history: a brute force under way is counted from
    // there.
    public TimeSpan StateSaveInterval { get; set; } = TimeSpan.FromMinutes(1);

    // New alerts one rule may raise for one tenant per hour; further detections fold into one summary alert that
    // keeps their count (Alert.SuppressedCount). Open alerts still merge their own detections as always.
    public int MaxNewAlertsPerRulePerHour { get; set; } = 100;

    public IEnumerable<KeyValuePair<string, string>> CountryRangePairs()
    {
        foreach (var entry in CountryRanges)
        {
            var at = entry.LastIndexOf('=');
            if (at <= 0 || at == entry.Length - 1)
            {
                throw new InvalidOperationException($"Detection:CountryRanges entry '{entry}' is not CIDR=CC.");
            }
            yield return new(entry[..at].Trim(), entry[(at + 1)..].Trim());
        }
    }
}

internal sealed record TenantProfile(
    Guid TenantId,
    string RulesStamp,
    IReadOnlyDictionary<string, RuleEntry> Rules,
    string IntelStamp,
    IReadOnlyList<string> IntelLists,
    AssetIndex Assets,
    IReadOnlyList<WeightedPeriod> Windows,
    IReadOnlyDictionary<AlertSeverity, SlaTerms> Sla,
    DateTimeOffset ContextLoadedAt)
{
    // Active suppressions (rule, entity, until), reloaded with the assets; empty for almost every tenant.
    public IReadOnlyList<ActiveSuppression> Suppressions { get; init; } = [];
}

internal sealed record ActiveSuppression(long Id, string RuleId, SuppressionField Field, string Value, DateTimeOffset Until);

internal sealed record CatalogSnapshot(AttackCatalog Catalog, DateTimeOffset LoadedAt);
