namespace MsspPortal.Core.Detection.State;

/// <summary>The last N event times (ticks) of a group: all a count-in-window test needs, in fixed memory.</summary>
internal sealed class TimeRing(int capacity)
{
    private readonly long[] _ticks = new long[Math.Max(1, capacity)];
    private int _next;

    public int Count { get; private set; }

    public int Capacity => _ticks.Length;

    public long Oldest => Count < _ticks.Length ? _ticks[0] : _ticks[_next];

    public void Add(long ticks)
    {
        _ticks[_next] = ticks;
        _next = (_next + 1) % _ticks.Length;
        if (Count < _ticks.Length)
        {
            Count++;
        }
    }

    public void Clear()
    {
        _next = 0;
        Count = 0;
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
