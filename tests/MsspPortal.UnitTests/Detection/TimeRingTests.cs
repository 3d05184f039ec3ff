using MsspPortal.Core.Detection.State;

namespace MsspPortal.UnitTests.Detection;

// The ring starts small and grows to its capacity: it must hold exactly what a fixed ring of that capacity holds.
public sealed class TimeRingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(100)]
    public void Holds_the_last_times_added_in_order_whatever_the_capacity(int capacity)
    {
        var ring = new TimeRing(capacity);
        var added = new List<long>();
        var random = new Random(capacity);
        var time = 1_000L;
        for (var i = 0; i < capacity * 3 + 7; i++)
        {
            // Mostly forward, sometimes late (a back-fill): Span must scan while a late time is held.
            time += random.Next(0, 5) == 0 ? -random.Next(1, 50) : random.Next(1, 50);
            ring.Add(time);
            added.Add(time);
            var held = added.Skip(Math.Max(0, added.Count - capacity)).ToArray();
            Assert.Equal(held, ring.ToArray());
            Assert.Equal(held.Length, ring.Count);
            Assert.Equal(held[0], ring.Oldest);
            Assert.Equal(held[^1], ring.Newest);
            Assert.Equal((held.Min(), held.Max()), ring.Span());
        }
        Assert.Equal(capacity, ring.Capacity);
    }

    [Fact]
    public void Clear_empties_a_grown_ring()
    {
        var ring = new TimeRing(10);
        for (var t = 1; t <= 7; t++)
        {
            ring.Add(t);
        }
        ring.Clear();
        Assert.Equal(0, ring.Count);
        ring.Add(42);
        ring.Add(43);
        Assert.Equal([42L, 43L], ring.ToArray());
        Assert.Equal((42L, 43L), ring.Span());
    }
}
