namespace MsspPortal.Web.Demo;

// A small fixed-algorithm generator (SplitMix64): the demo must come out the same on every machine and .NET
// version, which Random with a seed does not promise.
internal sealed class DemoRandom(ulong seed)
{
    private ulong _state = seed;

    public static DemoRandom For(int seed, params ReadOnlySpan<int> parts)
    {
        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (var part in parts)
        {
            state = Mix(state ^ ((ulong)(uint)part + 0x632BE59BD9B4E019UL));
        }
        return new DemoRandom(state);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    // 0 ≤ result &lt; max.
    public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

    // min ≤ result &lt; max.
    public int Next(int min, int max) => min + Next(max - min);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
