using System.Security.Cryptography;

namespace MsspPortal.Web.Infrastructure.Auth;

// Ingestion keys: random, shown once, stored as a salted PBKDF2 hash. The clear prefix lets a request find its row
// by index; the hash comparison is constant-time.
public static class ApiKeyHasher
{
    public const int PrefixLength = 12;
    private const int Iterations = 10_000;

    public static (string Key, string Prefix, string Hash) Create()
    {
        var key = "msk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (key, key[..PrefixLength], Hash(key));
    }

    public static string PrefixOf(string key) => key.Length >= PrefixLength ? key[..PrefixLength] : key;

    public static string Hash(string key)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(key, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToBase64String(salt) + "." + Convert.ToBase64String(hash);
    }

    public static bool Verify(string key, string stored)
    {
        var dot = stored.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }
        var salt = Convert.FromBase64String(stored[..dot]);
        var expected = Convert.FromBase64String(stored[(dot + 1)..]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(key, salt, Iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
