using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Pipeline;

// The keys behind pseudonyms: one master key in a file outside the database (Privacy:KeyFile, default
// <data>/keys/pseudonym.key, created on first use, readable by the portal's user only), and per tenant a key derived
// from it, so a copy of the database alone cannot reverse or test a pseudonym. Losing the file breaks correlation
// across the loss, nothing else; docs/privacy.md says to back it up with the secrets, not with the database.
public sealed class PseudonymKeys(IOptions<PortalOptions> portal, IConfiguration configuration)
{
    private readonly Lazy<byte[]> _master = new(() => LoadOrCreate(configuration["Privacy:KeyFile"] ?? Path.Combine(portal.Value.DataPath, "keys", "pseudonym.key")));

    public byte[] ForTenant(Guid tenantId) => HMACSHA256.HashData(_master.Value, Encoding.UTF8.GetBytes("mssp-pseudonym:" + tenantId.ToString("N")));

    // The key of the pseudonyms in the portal's own log output (Infrastructure/Logging): distinct from every tenant's.
    public byte[] ForLogs() => HMACSHA256.HashData(_master.Value, Encoding.UTF8.GetBytes("mssp-log-redaction"));

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length >= 32 ? existing : throw new InvalidOperationException($"The pseudonym key {path} is shorter than 32 bytes.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var file = new FileStream(path, options);
            file.Write(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs, so both derive the same tenant keys.
            return File.ReadAllBytes(path);
        }
        return key;
    }
}
