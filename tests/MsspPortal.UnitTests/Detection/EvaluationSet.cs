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

/// <summary>Labelled events for every built-in detection plus benign days. Deterministic: fixed times, seeded generators.</summary>
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
            [.. Enumerable.Range(0, 25).Select(i => Logon(T0.AddSeconds(10 * i), $"user{i % 5}", "198.51.100.20", success: false))])
        {
            AlsoCorrect = [BuiltInRuleIds.PasswordSpraying], // five accounts from one address is also a (small) spray
        },
        new("one address trying one password on 15 accounts", BuiltInRuleIds.PasswordSpraying,
            [.. Enumerable.Range(0, 15).Select(i => Logon(T0.AddSeconds(20 * i), $"staff{i}", "198.51.100.30", success: false))])
        {
            AlsoCorrect = [BuiltInRuleIds.BruteForceSource], // 15 failures from one address in 5 minutes
        },
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

        // Low and slow: each at the most sensitive peer's figure (docs/detections.md), so matching the peers is tested.
        new("Wazuh 5712/5765: 8 failed logons from one address in 120 s (root and admin)", BuiltInRuleIds.BruteForceSource,
            [.. Enumerable.Range(0, 8).Select(i => Logon(T0.AddSeconds(17 * i), i % 2 == 0 ? "root" : "admin", "198.51.100.21", success: false))]),
        new("Wazuh 5720: 8 failed logons from one address spread over 350 s", BuiltInRuleIds.BruteForceSource,
            [.. Enumerable.Range(0, 8).Select(i => Logon(T0.AddSeconds(50 * i), i % 2 == 0 ? "root" : "admin", "198.51.100.22", success: false))]),
        new("8 failed logons for one account from 8 addresses over 350 s", BuiltInRuleIds.BruteForceUser,
            [.. Enumerable.Range(0, 8).Select(i => Logon(T0.AddSeconds(50 * i), "frank", $"198.51.100.{130 + i}", success: false))]),
        new("Elastic: 11 accounts, 30 failures from one address in 5 minutes", BuiltInRuleIds.PasswordSpraying,
            [.. Enumerable.Range(0, 30).Select(i => Logon(T0.AddSeconds(10 * i), $"svc{i % 11}", "198.51.100.31", success: false))])
        {
            AlsoCorrect = [BuiltInRuleIds.BruteForceSource],
        },
        new("a slow spray: 6 accounts from one address, one every 90 s", BuiltInRuleIds.PasswordSpraying,
            [.. Enumerable.Range(0, 6).Select(i => Logon(T0.AddSeconds(90 * i), $"clerk{i}", "198.51.100.32", success: false))]),
        new("Elastic: 50 ports of one host in 60 s", BuiltInRuleIds.PortScan,
            [.. Enumerable.Range(0, 50).Select(i => Connection(T0.AddMilliseconds(1200 * i), "10.20.0.41", "10.20.0.5", 1000 + (i * 7)))]),
        new("Elastic 4e85dc8a: 5 failed logons then a success within 5 s", BuiltInRuleIds.FailedThenSuccess,
            [.. Enumerable.Range(0, 5).Select(i => Logon(T0.AddMilliseconds(800 * i), "gina", "198.51.100.91", success: false)),
             Logon(T0.AddMilliseconds(4500), "gina", "198.51.100.91", success: true)]),
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
        foreach (var burst in BenignBursts())
        {
            events.AddRange(burst.Events);
        }
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return events;
    }

    /// <summary>
    /// Ordinary bursts that look like attacks to a careless threshold. Their sizes come from how people and systems
    /// behave (sources in docs/detections.md), not from the rules' thresholds; a seeded generator spreads them in time
    /// the way arrivals spread, so the set stays deterministic without being evenly spaced.
    /// </summary>
    public static IReadOnlyList<Scenario> BenignBursts()
    {
        var day = new DateTimeOffset(T0.Date, TimeSpan.Zero).AddDays(4);
        return [MistypedThrice(day), OfficeBehindOneAddress(day), NightlyBackup(day), SaleDay(day)];
    }

    // A user who mistypes the password three times, then gets it right.
    private static Scenario MistypedThrice(DateTimeOffset day)
    {
        var at = day.AddHours(8).AddMinutes(12);
        return new("a user mistypes the password three times, then logs on", "",
            [.. Enumerable.Range(0, 3).Select(i => Logon(at.AddSeconds(15 * i), "employee7", "192.0.2.7", success: false)),
             Logon(at.AddSeconds(45), "employee7", "192.0.2.7", success: true)]);
    }

    // 120 staff behind one office address arrive between 08:00 and 09:30 (uniformly, seeded); one in ten mistypes once,
    // then logs on 20 s later. One in ten is a deliberately high assumption: no public per-logon typo rate fits.
    private static Scenario OfficeBehindOneAddress(DateTimeOffset day)
    {
        var random = new Random(20250305);
        var events = new List<NormalizedEvent>();
        for (var u = 0; u < 120; u++)
        {
            var at = day.AddHours(8).AddSeconds(random.Next(0, 90 * 60));
            var user = $"staff{u}";
            if (random.NextDouble() < 0.10)
            {
                events.Add(Logon(at, user, "192.0.2.250", success: false));
                at = at.AddSeconds(20);
            }
            events.Add(Logon(at, user, "192.0.2.250", success: true));
        }
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new("120 staff behind one address log on in the morning, one in ten mistypes once", "", events);
    }

    // Veeam Backup & Replication: 5 TCP streams per job by default, each on its own port from 2500-3300, plus the
    // data mover's 6162. Four nightly jobs start at 22:00, a few seconds apart, from one proxy to one repository.
    private static Scenario NightlyBackup(DateTimeOffset day)
    {
        var start = day.AddHours(22);
        var events = new List<NormalizedEvent>();
        var port = 2500;
        for (var job = 0; job < 4; job++)
        {
            var at = start.AddSeconds(job * 7);
            events.Add(Connection(at, "192.0.2.60", "192.0.2.61", 6162));
            for (var stream = 0; stream < 5; stream++)
            {
                events.Add(Connection(at.AddMilliseconds(300 * (stream + 1)), "192.0.2.60", "192.0.2.61", port++));
            }
        }
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new("four nightly backup jobs open 5 streams each on their own ports", "", events);
    }

    // A sale day at the shop: two hours at ten times the ordinary order and request rate of the benign day (an
    // assumption, stated as such), buyers behind 300 carrier-grade-NAT addresses, the busiest carrying one in twenty.
    private static Scenario SaleDay(DateTimeOffset day)
    {
        var random = new Random(20251128);
        var start = day.AddHours(10);
        var events = new List<NormalizedEvent>();
        string Buyer() => random.NextDouble() < 0.05 ? "100.64.1.1" : $"100.64.{random.Next(2, 4)}.{random.Next(1, 151)}";
        for (var i = 0; i < 600; i++)
        {
            events.Add(Order(start.AddSeconds(random.Next(0, 2 * 3600)), Buyer(), $"shopper{i}"));
        }
        for (var i = 0; i < 60_000; i++)
        {
            events.Add(WebRequest(start.AddMilliseconds(i * 120), Buyer(), "192.0.2.10", i % 10 == 0 ? "/checkout" : "/product/" + (i % 40)));
        }
        events.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return new("a sale day: ten times the ordinary orders and requests for two hours", "", events);
    }
}
