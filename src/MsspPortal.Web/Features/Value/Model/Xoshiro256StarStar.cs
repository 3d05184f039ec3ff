using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MsspPortal.Web.Features.Value.Model;

// xoshiro256** 1.0 (Blackman & Vigna, 2018), seeded through SplitMix64: our own generator, because System.Random's
// sequence for a seed is not promised to stay the same across .NET versions, and a published report must be
// recomputable to the same figures. Not for secrets.
public sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        // The reference's recommended seeding: four outputs of SplitMix64, which never gives the all-zero state.
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    // A generator from an explicit state (the reference test vectors start from one); the state is not all zero.
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The state of xoshiro256** is never all zero.", nameof(s0));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits (the top ones, which are the best of xoshiro's output).
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    // Uniform in (0, 1): for logarithms.
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // The Monte Carlo seed of a tenant's month under an assumption version: the first 8 bytes (little-endian) of
    // SHA-256("tenantId|yyyy-MM|version"). Same tenant, month and inputs give the same draws on any machine.
    public static ulong SeedFor(Guid tenantId, int year, int month, int assumptionVersion)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tenantId:D}|{year:0000}-{month:00}|{assumptionVersion}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
