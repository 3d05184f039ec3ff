namespace MsspPortal.Core.Detection.State;

// The open windows of one rule for one tenant. Memory is bounded twice: groups idle for longer than the rule's
// window are swept, and no more than MaxGroups are held (new groups are then dropped and counted, which favours
// windows already under way over a flood of one-off keys).
internal sealed class GroupStore(long windowTicks, int maxGroups)
{
    private readonly Dictionary<string, GroupState> _groups = new(StringComparer.OrdinalIgnoreCase);

    public int MaxGroups { get; } = maxGroups;

    public long WindowTicks { get; } = windowTicks;

    public int Count => _groups.Count;

    public long DroppedGroups { get; private set; }

    public IEnumerable<KeyValuePair<string, GroupState>> Groups => _groups;

    public GroupState? Find(string key) => _groups.GetValueOrDefault(key);

    public GroupState? GetOrAdd(string key, long nowTicks)
    {
        if (_groups.TryGetValue(key, out var existing))
        {
            return existing;
        }
        if (_groups.Count >= MaxGroups)
        {
            Sweep(nowTicks);
            if (_groups.Count >= MaxGroups)
            {
                DroppedGroups++;
                return null;
            }
        }
        var group = new GroupState { LastSeen = nowTicks };
        _groups.Add(key, group);
        return group;
    }

    public void Put(string key, GroupState group) => _groups[key] = group;

    public void Remove(string key) => _groups.Remove(key);

    private long _nextSweep;

    /// <summary>
    /// Sweeps when a quarter of the window (at least <paramref name="intervalTicks"/>) has passed in event time since
    /// the last sweep: a group can only expire a whole window after its last event, so sweeping a 30-day store every
    /// minute only re-read it. A replay of months of logs in minutes (the demo, a back-fill) made those re-reads the
    /// engine's main cost.
    /// </summary>
    public void SweepIfDue(long nowTicks, long intervalTicks)
    {
        if (nowTicks < _nextSweep)
        {
            return;
        }
        Sweep(nowTicks);
        _nextSweep = nowTicks + Math.Max(intervalTicks, WindowTicks / 4);
    }

    public int Sweep(long nowTicks)
    {
        var horizon = nowTicks - WindowTicks;
        var removed = 0;
        foreach (var (key, group) in _groups)
        {
            // Removing during enumeration is allowed for Dictionary<TKey,TValue> since .NET Core 3.0.
            if (group.LastSeen < horizon)
            {
                _groups.Remove(key);
                removed++;
            }
        }
        return removed;
    }
}
