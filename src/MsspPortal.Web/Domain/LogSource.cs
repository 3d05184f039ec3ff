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
