namespace MsspPortal.Core.Intel;

/// <summary>
/// Indicator lists by scope (one tenant, or MSSP-wide) and list name. Reads happen on the ingestion hot path
/// while an import may replace a list: each scope's index is rebuilt and swapped whole, so readers never lock.
/// </summary>
public sealed class ThreatIntelStore
{
    private readonly Lock _writeGate = new();
    private readonly Dictionary<Guid, Dictionary<string, IReadOnlyList<ThreatIndicator>>> _lists = [];
    private Dictionary<Guid, ScopeIndex> _indexes = [];

    /// <summary>Replaces the list <paramref name="listName"/> of a tenant (or, with null, of the MSSP).</summary>
    public void Load(Guid? tenantId, string listName, IEnumerable<ThreatIndicator> indicators)
    {
        var scope = tenantId ?? Guid.Empty;
        lock (_writeGate)
        {
            if (!_lists.TryGetValue(scope, out var lists))
            {
                lists = new Dictionary<string, IReadOnlyList<ThreatIndicator>>(StringComparer.Ordinal);
                _lists[scope] = lists;
            }
            lists[listName] = [.. indicators];
            var indexes = new Dictionary<Guid, ScopeIndex>(_indexes) { [scope] = ScopeIndex.Build(lists.Values.SelectMany(l => l)) };
            Volatile.Write(ref _indexes, indexes);
        }
    }

    public int Count(Guid? tenantId) =>
        Volatile.Read(ref _indexes).TryGetValue(tenantId ?? Guid.Empty, out var index) ? index.Count : 0;

    /// <summary>The tenant's own lists win over MSSP-wide ones; expired indicators never match.</summary>
    public bool TryMatch(Guid tenantId, IndicatorType type, string? value, DateTimeOffset at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ThreatIndicator? indicator) =>
        For(tenantId).TryMatch(type, value, at, out indicator);

    /// <summary>
    /// The lists one tenant's events are matched against, as loaded now: the detection engine takes them once per chunk
    /// of events instead of looking both scopes up again for every address of every event. A list loaded meanwhile
    /// applies from the next view.
    /// </summary>
    public TenantIntel For(Guid tenantId)
    {
        var indexes = Volatile.Read(ref _indexes);
        return indexes.Count == 0
            ? default
            : new TenantIntel(indexes.GetValueOrDefault(tenantId), tenantId == Guid.Empty ? null : indexes.GetValueOrDefault(Guid.Empty));
    }

    /// <summary>One tenant's view of the indicator lists (see <see cref="For"/>).</summary>
    public readonly struct TenantIntel
    {
        private readonly ScopeIndex? _own;
        private readonly ScopeIndex? _shared;

        internal TenantIntel(ScopeIndex? own, ScopeIndex? shared) => (_own, _shared) = (own, shared);

        /// <summary>The tenant's own lists win over MSSP-wide ones; expired indicators never match.</summary>
        public bool TryMatch(IndicatorType type, string? value, DateTimeOffset at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ThreatIndicator? indicator)
        {
            indicator = null;
            if (string.IsNullOrEmpty(value))
            {
                return false;
            }
            return (_own is not null && _own.TryMatch(type, value, at, out indicator)) || (_shared is not null && _shared.TryMatch(type, value, at, out indicator));
        }
    }

    internal sealed class ScopeIndex
    {
        private readonly Dictionary<string, ThreatIndicator>[] _byType;

        private ScopeIndex(Dictionary<string, ThreatIndicator>[] byType) => _byType = byType;

        public int Count => _byType.Sum(d => d.Count);

        public static ScopeIndex Build(IEnumerable<ThreatIndicator> indicators)
        {
            var byType = new Dictionary<string, ThreatIndicator>[Enum.GetValues<IndicatorType>().Length];
            for (var i = 0; i < byType.Length; i++)
            {
                byType[i] = new Dictionary<string, ThreatIndicator>(StringComparer.OrdinalIgnoreCase);
            }
            foreach (var indicator in indicators)
            {
                var key = IndicatorValues.Normalize(indicator.Type, indicator.Value);
                var map = byType[(int)indicator.Type];
                // Two lists naming the same value: keep the more confident claim.
                if (!map.TryGetValue(key, out var existing) || existing.Confidence < indicator.Confidence)
                {
                    map[key] = indicator;
                }
            }
            return new ScopeIndex(byType);
        }

        public bool TryMatch(IndicatorType type, string value, DateTimeOffset at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ThreatIndicator? indicator)
        {
            var map = _byType[(int)type];
            if (map.Count > 0 && map.TryGetValue(type == IndicatorType.Domain ? value.TrimEnd('.') : value, out var found) && found.IsValidAt(at))
            {
                indicator = found;
                return true;
            }
            indicator = null;
            return false;
        }
    }
}
