using System.Text;
using MsspPortal.Core.Privacy;

namespace MsspPortal.UnitTests.Privacy;

public sealed class DigitRunsTests
{
    // The vector look may only clear lines the exact test clears: compared on random lines of digits, separators and
    // letters, of every length around the 64-byte blocks, for both run lengths in use.
    [Fact]
    public void The_vector_look_never_clears_a_line_the_exact_test_flags()
    {
        var random = new Random(1604);
        const string alphabet = "0123456789012345678901234567890123456789 -- ab:.";
        var flagged = 0;
        var cleared = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var length = random.Next(0, 200);
            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                bytes[i] = (byte)alphabet[random.Next(alphabet.Length)];
            }
            foreach (var shortest in new[] { 13, 17 })
            {
                var exact = ChunkMasker.HasDigitRun(bytes, shortest);
                var vector = DigitRuns.MayHaveRun(bytes, shortest);
                Assert.True(!exact || vector, $"cleared a run of {shortest}: {Encoding.ASCII.GetString(bytes)}");
                flagged += exact ? 1 : 0;
                cleared += vector ? 0 : 1;
            }
        }
        // Both sides were exercised: lines with runs, and lines the look cleared on its own.
        Assert.True(flagged > 1_000, $"{flagged} lines with a run");
        Assert.True(cleared > 1_000, $"{cleared} lines cleared by the vector look");
    }

    [Theory]
    // Runs that cross a 64-byte block: the 13th digit is the block's first byte, or a separator sits on the boundary.
    [InlineData(55, "4111111111111", true)]
    [InlineData(60, "4111 111111111", true)]
    [InlineData(52, "411111111111 1", true)]
    [InlineData(63, "4111-1111-1111-1", true)]
    [InlineData(60, "411111111111", false)]
    [InlineData(120, "4111 1111 1111 1111", true)]
    public void Runs_across_block_boundaries_are_seen(int at, string digits, bool expected)
    {
        var line = new string('x', at) + digits + " tail";
        var bytes = Encoding.ASCII.GetBytes(line);
        Assert.Equal(expected, ChunkMasker.HasDigitRun(bytes, 13));
        Assert.Equal(expected, DigitRuns.MayHaveRun(bytes, 13) && ChunkMasker.HasDigitRun(bytes, 13));
        if (expected)
        {
            Assert.True(DigitRuns.MayHaveRun(bytes, 13));
        }
    }

    [Fact]
    public void An_ordinary_firewall_line_is_cleared_without_the_byte_walk()
    {
        var line = Encoding.ASCII.GetBytes(
            "<14>Apr  7 10:10:10 fw01 CEF:0|Palo Alto Networks|PAN-OS|6.1.3|url|THREAT|5|rt=Apr 07 2017 00:10:10 GMT src=10.10.10.10 dst=20.20.20.20 spt=18371 dpt=443 suser=alice act=alert proto=tcp request=www.example.com/ cs1Label=Rule cs1=Trusted-to-Untrusted");
        Assert.False(DigitRuns.MayHaveRun(line, 13));
    }
}
