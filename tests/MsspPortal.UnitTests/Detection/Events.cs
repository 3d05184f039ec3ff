using MsspPortal.Core.Events;

namespace MsspPortal.UnitTests.Detection;

/// <summary>Builders for the normalised events the tests feed the engine.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static NormalizedEvent Logon(DateTimeOffset at, string user, string sourceIp, bool success, string? country = null) => new()
    {
        Timestamp = at,
        EventCategory = "authentication",
        EventAction = success ? "logon" : "logon-failed",
        Outcome = success ? EventOutcome.Success : EventOutcome.Failure,
        UserName = user,
        SourceIp = sourceIp,
        SourceCountry = country,
        HostName = "vpn-gw-1",
    };

    public static NormalizedEvent Connection(DateTimeOffset at, string sourceIp, string destinationIp, int port) => new()
    {
        Timestamp = at,
        EventCategory = "network",
        EventAction = "connection-allowed",
        SourceIp = sourceIp,
        DestinationIp = destinationIp,
        DestinationPort = port,
        NetworkTransport = "tcp",
    };

    public static NormalizedEvent WebRequest(DateTimeOffset at, string sourceIp, string destinationIp, string url = "/") => new()
    {
        Timestamp = at,
        EventCategory = "web",
        EventAction = "http-request",
        SourceIp = sourceIp,
        DestinationIp = destinationIp,
        DestinationPort = 443,
        Url = url,
    };

    public static NormalizedEvent Order(DateTimeOffset at, string sourceIp, string user) => new()
    {
        Timestamp = at,
        EventCategory = "business",
        EventAction = "order-placed",
        Outcome = EventOutcome.Success,
        SourceIp = sourceIp,
        UserName = user,
    };

    public static NormalizedEvent CardAuthorization(DateTimeOffset at, string sourceIp, string card, decimal amount, bool approved)
    {
        var e = new NormalizedEvent
        {
            Timestamp = at,
            EventCategory = "business",
            EventAction = "card-authorization",
            Outcome = approved ? EventOutcome.Success : EventOutcome.Failure,
            SourceIp = sourceIp,
        };
        e.Fields["card.id"] = card;
        e.Fields["transaction.amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return e;
    }

    public static NormalizedEvent IdsAlert(DateTimeOffset at, string sourceIp, string destinationIp, string signature, int severity) => new()
    {
        Timestamp = at,
        EventCategory = "intrusion_detection",
        EventAction = "alert",
        SourceIp = sourceIp,
        DestinationIp = destinationIp,
        RuleName = signature,
        RuleId = "2024897",
        Severity = severity,
    };

    public static NormalizedEvent DnsQuery(DateTimeOffset at, string sourceIp, string domain) => new()
    {
        Timestamp = at,
        EventCategory = "network",
        EventAction = "dns-query",
        SourceIp = sourceIp,
        Domain = domain,
    };
}
