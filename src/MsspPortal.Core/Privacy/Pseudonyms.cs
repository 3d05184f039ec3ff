using System.Security.Cryptography;
using System.Text;

namespace MsspPortal.Core.Privacy;

public interface IPseudonymizer
{
    // A stable token for a normalised value: equal values give equal tokens within one tenant, and nothing else.
    string Pseudonym(PiiKind kind, string normalisedValue);
}

// HMAC-SHA256 with the tenant's key (kept outside the database); 16 hex characters of it are enough to correlate.
public sealed class HmacPseudonymizer(byte[] key) : IPseudonymizer
{
    private readonly byte[] _key = key.Length >= 32 ? key : throw new ArgumentException("A pseudonym key has at least 32 bytes.", nameof(key));

    public string Pseudonym(PiiKind kind, string normalisedValue)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kind + ":" + normalisedValue), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}

// Finds phone numbers in a line (libphonenumber behind it, in the portal): start and length of each.
public interface IPhoneFinder
{
    IReadOnlyList<(int Start, int Length)> Find(string line, IReadOnlyList<string> nationalRegions);
}
