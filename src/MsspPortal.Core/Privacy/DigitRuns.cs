using System.Numerics;
using System.Runtime.Intrinsics;

namespace MsspPortal.Core.Privacy;

// A vectorised first look for long digit runs: it may say yes where the exact test says no (it lets a separator
// after a digit join a run, and counts separators in the length), never the other way round. A 64-byte block becomes
// two bit masks (digits; spaces and hyphens); runs of set bits at least `length` long are found by shifting and
// and-ing, and a run crossing a block boundary by carrying the length of the run at the block's end.
internal static class DigitRuns
{
    private const int Block = 64;

    public static bool MayHaveRun(ReadOnlySpan<byte> line, int length)
    {
        var carry = 0;
        var previousDigit = 0UL;
        var offset = 0;
        Span<byte> tail = stackalloc byte[Block];
        while (offset < line.Length)
        {
            scoped ReadOnlySpan<byte> block;
            if (line.Length - offset >= Block)
            {
                block = line.Slice(offset, Block);
            }
            else
            {
                // The last, short block: padded with zeros, which are neither digits nor separators.
                tail.Clear();
                line[offset..].CopyTo(tail);
                block = tail;
            }
            var (digits, separators) = Classify(block);
            // A separator counts when the byte before it is a digit (bit 0 looks back into the previous block).
            var run = digits | (separators & ((digits << 1) | previousDigit));
            if (HasRunWithin(run, length) || (carry > 0 && carry + BitOperations.TrailingZeroCount(~run) >= length))
            {
                return true;
            }
            carry = run == ulong.MaxValue ? carry + Block : BitOperations.LeadingZeroCount(~run);
            previousDigit = digits >> (Block - 1);
            offset += Block;
        }
        return false;
    }

    // Bit i of the result is set when bits i .. i+length-1 of `bits` all are: doubling shifts, then the remainder.
    private static bool HasRunWithin(ulong bits, int length)
    {
        var covered = 1;
        while (covered * 2 <= length)
        {
            bits &= bits >> covered;
            covered *= 2;
            if (bits == 0)
            {
                return false;
            }
        }
        if (covered < length)
        {
            bits &= bits >> (length - covered);
        }
        return bits != 0;
    }

    private static (ulong Digits, ulong Separators) Classify(ReadOnlySpan<byte> block)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.Create(block);
            var high = Vector256.Create(block[32..]);
            return (Bits(IsDigit(low), IsDigit(high)), Bits(IsSeparator(low), IsSeparator(high)));
        }
        ulong digits = 0, separators = 0;
        for (var part = 0; part < Block; part += 16)
        {
            var v = Vector128.Create(block.Slice(part, 16));
            digits |= (ulong)Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9)).ExtractMostSignificantBits() << part;
            separators |= (ulong)(Vector128.Equals(v, Vector128.Create((byte)' ')) | Vector128.Equals(v, Vector128.Create((byte)'-'))).ExtractMostSignificantBits() << part;
        }
        return (digits, separators);
    }

    private static Vector256<byte> IsDigit(Vector256<byte> v) =>
        Vector256.LessThanOrEqual(v - Vector256.Create((byte)'0'), Vector256.Create((byte)9));

    private static Vector256<byte> IsSeparator(Vector256<byte> v) =>
        Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.Equals(v, Vector256.Create((byte)'-'));

    private static ulong Bits(Vector256<byte> low, Vector256<byte> high) =>
        low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);
}
