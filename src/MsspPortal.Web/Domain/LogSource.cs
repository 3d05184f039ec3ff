using MsspPortal.Core.Events;

namespace MsspPortal.Web.Domain;

/// <summary>A device or system that sends logs to the portal.</summary>
public sealed class LogSource : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public string Vendor { get; set; } = "";

    public string Product { get; set; } = "";

    public LogFormat ExpectedFormat { get; set; } = LogFormat.Auto;

    /// <summary>Sender addresses (syslog), comma-separated: how a datagram is mapped to this source.</summary>
    public string SourceAddresses { get; set; } = "";

    /// <summary>
    /// The IANA zone of the source's devices, for timestamps that carry none (RFC 3164); null means the tenant's zone.
    /// A UTC firewall in a Berlin tenant would otherwise land an hour early.
    /// </summary>
    public string? TimeZone { get; set; }

    public long? AssetId { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The first characters of the key, kept in clear so a request finds its row without scanning.</summary>
    public string ApiKeyPrefix { get; set; } = "";

    /// <summary>Salted hash of the ingestion key; the key itself is shown once and never stored.</summary>
    public string ApiKeyHash { get; set; } = "";

    public long ReceivedCount { get; set; }

    public long ParsedCount { get; set; }

    public long QuarantinedCount { get; set; }
}
