using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.Intel;
using static MsspPortal.UnitTests.Detection.Events;

namespace MsspPortal.UnitTests.Detection;

/// <summary>A scenario's events and the built-in detections that should (and only those that may) fire on it.</summary>
internal sealed record Scenario(string Name, string Expected, IReadOnlyList<NormalizedEvent> Events)
{
    /// <summary>Other detections that fire correctly on the same events (a brute force from one address is also ...).</summary>
    public IReadOnlyList<string> AlsoCorrect { get; init; } = [];
}

/// <summary>Labelled events for every built-in detection plus a day of benign traffic. Deterministic: no randomness.</summary>
internal static class EvaluationSet
{
    public const string BadAddress = "198.51.100.66";

    public static DetectionEngineOptions Options()
    {
        var intel = new ThreatIntelStore();
        intel.Load(null, "mssp-c2", [
            new ThreatIndicator(IndicatorType.IpAddress, BadAddress, "mssp-c2") { Confidence = 90 },
            new ThreatIndicator(IndicatorType.Domain, "update-checker.example", "mssp-c2") { Confidence = 70 },
        ]);
        var locations = new LocationResolver([new("203.0.113.0/24", "US"), new("192.0.2.0/24", "NL")]);
        return new DetectionEngineOptions { Intel = intel, Locations = locations };
    }

    public static IReadOnlyList<Scenario> Attacks() =>
    [
        new("12 failed logons for one user from rotating addresses", BuiltInRuleIds.BruteForceUser,
            [.. Enumerable.Range(0, 12).Select(i => Logon(T0.AddSeconds(15 * i), "carol", $"198.51.100.{10 + (i % 3)}", success: false))]),
        new("25 failed logons from one address across 5 accounts", BuiltInRuleIds.BruteForceSource,
            [.. Enumerable.Range(0, 25).Select(i => Logon(T0.AddSeconds(10 * i), $"user{i % 5}", "198.51.100.20", success: false))]),
        new("one address trying one password on 15 accounts", BuiltInRuleIds.PasswordSpraying,
            [.. Enumerable.Range(0, 15).Select(i => Logon(T0.AddSeconds(20 * i), $"staff{i}", "198.51.100.30", success: false))]),
        new("100 ports probed in 30 seconds", BuiltInRuleIds.PortScan,
            [.. Enumerable.Range(0, 100).Select(i => Connection(T0.AddMilliseconds(300 * i), "198.51.100.40", "192.0.2.80", 1 + i))]),
        new("1,500 requests in 5 seconds to the shop front-end", BuiltInRuleIds.VolumetricDos,
            [.. Enumerable.Range(0, 1500).Select(i => WebRequest(T0.AddMilliseconds(3 * i), $"100.64.{i % 250}.{i % 7}", "192.0.2.10"))]),
        new("30 orders from one address in 5 minutes", BuiltInRuleIds.OrderFlood,
            [.. Enumerable.Range(0, 30).Select(i => Order(T0.AddSeconds(10 * i), "198.51.100.50", "guest"))]),
        new("15 one-euro authorisations from one address on 15 cards", BuiltInRuleIds.CardTestingSource,
            [.. Enumerable.Range(0, 15).Select(i => CardAuthorization(T0.AddSeconds(20 * i), "198.51.100.60", $"card-{i}", 1.00m, approved: i % 4 == 0))]),
        new("12 declines for one card from 12 addresses", BuiltInRuleIds.CardTestingCard,
            [.. Enumerable.Range(0, 12).Select(i => CardAuthorization(T0.AddSeconds(30 * i), $"198.51.100.{100 + i}", "card-stolen", 49.90m, approved: false))]),
        new("a workstation calls a known command-and-control address", BuiltInRuleIds.KnownBadIndicator,
            [Connection(T0, "192.0.2.44", BadAddress, 443), DnsQuery(T0.AddSeconds(1), "192.0.2.44", "update-checker.example")]),
        new("the IPS reports an exploit attempt", BuiltInRuleIds.IdsPassThrough,
            [IdsAlert(T0, "198.51.100.70", "192.0.2.10", "ET EXPLOIT Apache Struts RCE", 8)]),
        new("a user who logs on from the Netherlands suddenly logs on from Brazil", BuiltInRuleIds.NewLoginLocation,
            [.. Enumerable.Range(0, 5).Select(i => Logon(T0.AddDays(i), "erin", "192.0.2.15", success: true)),
             Logon(T0.AddDays(5), "erin", "198.51.100.80", success: true, country: "BR")]),
        new("6 failed logons then a success for one user", BuiltInRuleIds.FailedThenSuccess,
            [.. Enumerable.Range(0, 6).Select(i => Logon(T0.AddSeconds(10 * i), "dave", "198.51.100.90", success: false)),
             Logon(T0.AddSeconds(70), "dave", "198.51.100.90", success: true)]),
    ];

    /// <summary>A working day at the three reference customers with nothing malicious in it.</summary>
    public static IReadOnlyList<NormalizedEvent> Benign()
    {
        var events = new List<NormalizedEvent>();
        var day = T0.Date;
        var start = new DateTimeOffset(day, TimeSpan.Zero).AddHours(7);
        for (var u = 0; u < 50; u++)
        {
            var user = $"employee{u}";
            var office = $"192.0.2.{u % 20}";
            for (var d = 0; d < 3; d++)
            {
                events.Add(Logon(start.AddDays(d).AddMinutes(u * 7), user, office, success: true));
            }
            if (u % 5 == 0)
            {
                // Mistyped passwords, below every threshold: two failures, then success.
                var at = start.AddDays(3).AddMinutes(u * 3);
                events.Add(Logon(at, user, office, success: false));
                events.Add(Logon(at.AddSeconds(20), user, office, success: false));
                events.Add(Logon(at.AddSeconds(40), user, office, success: true));
            }
        }
        // A traveller whose country the table resolves consistently is not new.
        events.AddRange(Enumerable.Range(0, 4).Select(i => Logon(start.AddDays(i).AddHours(2), "sales1", "203.0.113.7", success: true)));

        var web = start.AddDays(3);
        for (var i = 0; i < 3000; i++)
        {
            events.Add(WebRequest(web.AddMilliseconds(1200 * i), $"100.64.{i % 200}.{i % 3}", "192.0.2.10", i % 10 == 0 ? "/checkout" : "/product/" + (i % 40)));
            events.Add(Connection(web.AddMilliseconds((1200 * i) + 5), $"192.0.2.{i % 20}", "192.0.2.53", (i % 3) switch { 0 => 53, 1 => 443, _ => 80 }));
        }
        for (var i = 0; i < 120; i++)
        {
            events.Add(Order(web.AddMinutes(2 * i), $"100.64.{i % 80}.9", $"customer{i % 90}"));
        }
        for (var i = 0; i < 200; i++)
        {
            events.Add(CardAuthorization(web.AddSeconds(40 * i), $"100.65.{i % 150}.1", $"card-{i % 170}", 10m + (i % 190), approved: i % 40 != 0));
        }
        events.Add(DnsQuery(web, "192.0.2.44", "www.example.org"));
        events.Add(Connection(web, "192.0.2.44", "198.51.100.67", 443));
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return events;
    }
}
