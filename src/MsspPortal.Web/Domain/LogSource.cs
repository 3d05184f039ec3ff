using MsspPortal.Core.Events;

namespace MsspPortal.Web.Domain;

// A device or system that sends logs to the portal. Its key and counters have rules (a key is stored only as a
// salted hash; the counters only grow, in the pipeline's set-based updates); what describes the device is edited by
// forms.
public sealed class LogSource : ITenantOwned
{
    private LogSource()
    {
    }

    // A new source of a tenant with its ingestion key already hashed (ApiKeyHasher): the key is never stored.
    public LogSource(Guid tenantId, string apiKeyPrefix, string apiKeyHash)
    {
        TenantId = tenantId;
        SetKey(apiKeyPrefix, apiKeyHash);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; set; } = "";

    public string Vendor { get; set; } = "";

    public string Product { get; set; } = "";

    public LogFormat ExpectedFormat { get; set; } = LogFormat.Auto;

    // Sender addresses (syslog), comma-separated: how a datagram is mapped to this source.
    public string SourceAddresses { get; set; } = "";

    // The IANA zone of the source's devices, for timestamps that carry none (RFC 3164); null means the tenant's
    // zone. A UTC firewall in a Berlin tenant would otherwise land an hour early.
    public string? TimeZone { get; set; }

    public long? AssetId { get; set; }

    public DateTimeOffset? LastSeenAt { get; private set; }

    // The first characters of the key, kept in clear so a request finds its row without scanning.
    public string ApiKeyPrefix { get; private set; } = "";

    // Salted hash of the ingestion key; the key itself is shown once and never stored.
    public string ApiKeyHash { get; private set; } = "";

    public long ReceivedCount { get; private set; }

    public long ParsedCount { get; private set; }

    public long QuarantinedCount { get; private set; }

    // A new key replaces the old one at once: requests with the old key are refused from now on.
    public void RotateKey(string apiKeyPrefix, string apiKeyHash) => SetKey(apiKeyPrefix, apiKeyHash);

    private void SetKey(string apiKeyPrefix, string apiKeyHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKeyHash);
        (ApiKeyPrefix, ApiKeyHash) = (apiKeyPrefix, apiKeyHash);
    }
}
