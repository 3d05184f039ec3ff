namespace MsspPortal.Core.Events;

/// <summary>
/// One log line after parsing and normalisation. Field names follow the Elastic Common Schema where one fits
/// (the ECS name is in each property's comment); times are UTC. Mutable on purpose: the ingestion hot path
/// fills one instance per line without intermediate copies.
/// </summary>
public sealed class NormalizedEvent
{
    /// <summary>@timestamp, always UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The format the line was parsed as (never <see cref="LogFormat.Auto"/>).</summary>
    public LogFormat Format { get; set; }

    /// <summary>observer.vendor / observer.product: the device that produced the line.</summary>
    public string? ObserverVendor { get; set; }

    public string? ObserverProduct { get; set; }

    /// <summary>host.name: the host the event happened on (syslog HOSTNAME, CEF dhost/dvchost, Windows Computer).</summary>
    public string? HostName { get; set; }

    /// <summary>source.ip / source.port.</summary>
    public string? SourceIp { get; set; }

    public int? SourcePort { get; set; }

    /// <summary>destination.ip / destination.port.</summary>
    public string? DestinationIp { get; set; }

    public int? DestinationPort { get; set; }

    /// <summary>network.transport (tcp, udp, icmp).</summary>
    public string? NetworkTransport { get; set; }

    /// <summary>user.name.</summary>
    public string? UserName { get; set; }

    /// <summary>event.action, lower-case verb phrase (e.g. "logon-failed", "connection-denied", "order-placed").</summary>
    public string? EventAction { get; set; }

    /// <summary>event.outcome.</summary>
    public EventOutcome Outcome { get; set; }

    /// <summary>event.category (authentication, network, intrusion_detection, web, process, iam, business, ...).</summary>
    public string? EventCategory { get; set; }

    /// <summary>event.severity normalised to 0..10 (CEF scale): 0 unknown/informational, 10 most severe.</summary>
    public int Severity { get; set; }

    /// <summary>rule.name: the vendor's signature or message name.</summary>
    public string? RuleName { get; set; }

    /// <summary>rule.id: the vendor's signature id (CEF signature id, Suricata sid, ASA message id, Windows event id).</summary>
    public string? RuleId { get; set; }

    /// <summary>message: the free text of the line, if any.</summary>
    public string? Message { get; set; }

    /// <summary>process.name: the program that logged (syslog APP-NAME / tag).</summary>
    public string? ProcessName { get; set; }

    /// <summary>url.original.</summary>
    public string? Url { get; set; }

    /// <summary>dns.question.name or url.domain.</summary>
    public string? Domain { get; set; }

    /// <summary>file.hash.* (any algorithm, hex).</summary>
    public string? FileHash { get; set; }

    /// <summary>source.geo.country_iso_code when the device reports it.</summary>
    public string? SourceCountry { get; set; }

    private Dictionary<string, string>? _fields;

    /// <summary>Every other field the line carried, by ECS-style dotted name (e.g. "cef.cs1", "syslog.facility").</summary>
    /// <remarks>Created on first use and pre-sized: the parsing hot path fills millions of events, and growing from
    /// empty would reallocate twice for a typical syslog line.</remarks>
    public Dictionary<string, string> Fields => _fields ??= new(8, StringComparer.Ordinal);

    // Fields, created for at least capacity entries if it does not exist yet: a parser that expects more fields
    // than the default avoids growing the dictionary (a reallocation and rehash) mid-line.
    internal Dictionary<string, string> FieldsFor(int capacity) => _fields ??= new(Math.Max(capacity, 8), StringComparer.Ordinal);

    /// <summary>
    /// Makes this instance as a new one, keeping the <see cref="Fields"/> dictionary's storage: ingestion and
    /// `mssp logtest` parse millions of lines into a few thousand recycled events, and a new event and dictionary per
    /// line were about two thirds of a CEF line's allocations. RecycledEventTests sets every property by reflection to
    /// prove none is left over.
    /// </summary>
    public NormalizedEvent Reset()
    {
        Timestamp = default;
        Format = default;
        ObserverVendor = null;
        ObserverProduct = null;
        HostName = null;
        SourceIp = null;
        SourcePort = null;
        DestinationIp = null;
        DestinationPort = null;
        NetworkTransport = null;
        UserName = null;
        EventAction = null;
        Outcome = default;
        EventCategory = null;
        Severity = 0;
        RuleName = null;
        RuleId = null;
        Message = null;
        ProcessName = null;
        Url = null;
        Domain = null;
        FileHash = null;
        SourceCountry = null;
        _fields?.Clear();
        return this;
    }

    /// <summary>Whether any field is in <see cref="Fields"/>, without creating the dictionary.</summary>
    public bool HasFields => _fields is { Count: > 0 };

    /// <summary>Looks a field up by its ECS name, whether it is a typed property or in <see cref="Fields"/>.</summary>
    public string? Get(string field) => field switch
    {
        "@timestamp" => Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "observer.vendor" => ObserverVendor,
        "observer.product" => ObserverProduct,
        "host.name" => HostName,
        "source.ip" => SourceIp,
        "source.port" => SourcePort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "destination.ip" => DestinationIp,
        "destination.port" => DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "network.transport" => NetworkTransport,
        "user.name" => UserName,
        "event.action" => EventAction,
        "event.outcome" => Outcome == EventOutcome.Unknown ? null : Outcome.ToString().ToLowerInvariant(),
        "event.category" => EventCategory,
        "event.severity" => Severity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "rule.name" => RuleName,
        "rule.id" => RuleId,
        "message" => Message,
        "process.name" => ProcessName,
        "url.original" => Url,
        "url.domain" or "dns.question.name" => Domain,
        "file.hash" => FileHash,
        "source.geo.country_iso_code" => SourceCountry,
        _ => _fields is not null && _fields.TryGetValue(field, out var value) ? value : null,
    };
}
