namespace MsspPortal.Core.Detection.State;

// The last N event times (ticks) of a group: all a count-in-window test needs, in bounded memory. The array grows
// to N as times arrive: most groups of a threshold rule (one per source address, user...) see one or two events, and
// a full ring for each was a third of the engine's allocations and of the windows' memory.
internal sealed class TimeRing(int capacity)
{
    private const int InitialSize = 4;

    private readonly int _capacity = Math.Max(1, capacity);
    private long[] _ticks = new long[Math.Min(Math.Max(1, capacity), InitialSize)];
    private int _next;

    // Insertion numbers: how many times were added, and the last one that was earlier than the time added before it.
    // While that one has left the ring (or is its oldest), the ring is in time order and its oldest is its earliest.
    private long _added;
    private long _lastOutOfOrder = -1;

    public int Count { get; private set; }

    public int Capacity => _capacity;

    public long Oldest => Count < _ticks.Length ? _ticks[0] : _ticks[_next];

    public void Add(long ticks)
    {
        if (Count > 0 && ticks < Newest)
        {
            _lastOutOfOrder = _added;
        }
        _added++;
        if (Count == _ticks.Length && _ticks.Length < _capacity)
        {
            // Not wrapped yet (a ring wraps only at full capacity): the times are in insertion order from index 0.
            Array.Resize(ref _ticks, Math.Min(_ticks.Length * 2, _capacity));
            _next = Count;
        }
        _ticks[_next] = ticks;
        _next = (_next + 1) % _ticks.Length;
        if (Count < _ticks.Length)
        {
            Count++;
        }
    }

    public long Newest => _ticks[(_next + _ticks.Length - 1) % _ticks.Length];

    /// <summary>
    /// The earliest and latest time held. In time order (a device's own stream) they are the oldest and newest added,
    /// in constant time; after a late event (a back-fill, another source's older batch) the ring is scanned until
    /// that event has left it.
    /// </summary>
    public (long Earliest, long Latest) Span()
    {
        if (_lastOutOfOrder <= _added - Count)
        {
            return (Oldest, Newest);
        }
        var (earliest, latest) = (long.MaxValue, long.MinValue);
        for (var i = 0; i < Count; i++)
        {
            earliest = Math.Min(earliest, _ticks[i]);
            latest = Math.Max(latest, _ticks[i]);
        }
        return (earliest, latest);
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
        _added = 0;
        _lastOutOfOrder = -1;
    }

    public long[] ToArray()
    {
        var result = new long[Count];
        var start = Count < _ticks.Length ? 0 : _next;
        for (var i = 0; i < Count; i++)
        {
            result[i] = _ticks[(start + i) % _ticks.Length];
        }
        return result;
    }
}
