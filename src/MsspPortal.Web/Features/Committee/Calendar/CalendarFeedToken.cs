using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MsspPortal.Web.Features.Committee.Calendar;

// A feed token: 32 random bytes, base64url (safe in a URL path), shown to its owner once. Only its SHA-256 is stored,
// so a copy of the database cannot read anyone's feed; 256 random bits need no salt or slow hash.
internal static class CalendarFeedToken
{
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // A well-formed token is 43 base64url characters; anything else is not looked up.
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
