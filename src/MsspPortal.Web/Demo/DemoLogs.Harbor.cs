namespace MsspPortal.Web.Demo;

// harbor-bank: card payments around the clock, card-testing waves, account-takeover waves against online banking.
internal sealed partial class DemoLogs
{
    private const string OnlineBanking = "172.16.6.20";
    private const string CardAuth = "172.16.5.10";

    // Customers whose accounts were taken over in the waves: the analysts escalate these, not the rest.
    public static readonly string[] HarborTakeoverVictims = ["cust-104233", "cust-118760", "cust-131422", "cust-140017", "cust-152208", "cust-166931"];

    private static string BankCustomerAddress(int id) => Address(AmericaOctets, 200_000 + id);

    // Every other month, and yesterday for the live queue.
    private static bool TakeoverWave(DemoDay day) => (DemoCalendar.Monthly(day, 9) && day.Date.Month % 2 == 1) || day.Yesterday;

    private static void HarborAsa(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        for (var i = 0; i < (int)(250 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var customer = rng.Next(30_000);
            var address = BankCustomerAddress(customer);
            var port = rng.Next(1024, 65535);
            w.Add(at, $"<166>{w.Bsd(at)} asa-01 %ASA-6-302013: Built inbound TCP connection {rng.Next(1_000_000, 9_999_999)} for outside:{address}/{port} ({address}/{port}) to dmz:{OnlineBanking}/443 ({OnlineBanking}/443)");
        }
        for (var i = 0; i < (int)(50 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var address = Address(HostileOctets, rng.Next(1_000_000));
            w.Add(at, $"<164>{w.Bsd(at)} asa-01 %ASA-4-106023: Deny tcp src outside:{address}/{rng.Next(1024, 65535)} dst dmz:{OnlineBanking}/{rng.Pick(StrayPorts)} by access-group \"outside_in\" [0x0, 0x0]");
        }
        // Port scans of the perimeter, about weekly.
        if (rng.Chance(0.14))
        {
            var scanner = Address(HostileOctets, 300_000 + day.Date.DayNumber);
            var at = w.At(rng.Next(0, 24), rng.Next(0, 59));
            for (var p = 0; p < 50; p++)
            {
                var port = ScanPorts[p % ScanPorts.Length] + (p / ScanPorts.Length);
                w.Add(at.AddSeconds(p), $"<164>{w.Bsd(at.AddSeconds(p))} asa-01 %ASA-4-106023: Deny tcp src outside:{scanner}/{40_000 + p} dst dmz:{OnlineBanking}/{port} by access-group \"outside_in\" [0x0, 0x0]");
            }
        }
    }

    private void HarborSuricata(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        for (var i = 0; i < (int)(200 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var address = BankCustomerAddress(rng.Next(30_000));
            w.Add(at, i % 3 == 0
                ? $"{{\"timestamp\":\"{SuricataTime(at)}\",\"flow_id\":{rng.NextULong() % 1_000_000_000_000},\"event_type\":\"http\",\"src_ip\":\"{address}\",\"src_port\":{rng.Next(1024, 65535)},\"dest_ip\":\"{OnlineBanking}\",\"dest_port\":443,\"proto\":\"TCP\",\"http\":{{\"hostname\":\"online.harbor.example\",\"url\":\"/accounts/summary\",\"http_method\":\"GET\",\"status\":200,\"length\":18233}}}}"
                : SuricataFlow(at, address, rng.Next(1024, 65535), OnlineBanking, 443, rng));
        }
        // IDS signatures against the DMZ, two or three a week.
        if (rng.Chance(0.35))
        {
            var at = w.Moment();
            var (signature, sid) = rng.Pick(Signatures);
            w.Add(at, $"{{\"timestamp\":\"{SuricataTime(at)}\",\"flow_id\":{rng.NextULong() % 1_000_000_000_000},\"event_type\":\"alert\",\"src_ip\":\"{Address(HostileOctets, 400_000 + day.Date.DayNumber)}\",\"src_port\":{rng.Next(1024, 65535)},\"dest_ip\":\"{OnlineBanking}\",\"dest_port\":443,\"proto\":\"TCP\",\"alert\":{{\"action\":\"blocked\",\"gid\":1,\"signature_id\":{sid},\"rev\":3,\"signature\":\"{signature}\",\"category\":\"Attempted Administrator Privilege Gain\",\"severity\":1}}}}");
        }
        // Known-bad addresses: a compromised web server beaconing to a C2 for a morning (month 2), and a known
        // bad scanner probing the DMZ (month 4 and the recent days).
        var month = day.MonthOf(calendar.Start);
        if ((month == 2 && day.Date.Day == 14) || (month == 4 && day.Date.Day == 21) || day.Yesterday)
        {
            var bad = HarborBadAddresses[(month + day.Date.Day) % HarborBadAddresses.Length];
            var start = w.At(8, 15);
            for (var i = 0; i < 24; i++)
            {
                var at = start.AddMinutes(i * 5);
                w.Add(at, month == 2
                    ? SuricataFlow(at, OnlineBanking, 50_000 + i, bad, 443, rng)
                    : SuricataFlow(at, bad, 50_000 + i, OnlineBanking, 443, rng));
            }
        }
    }

    private static readonly (string Signature, int Sid)[] Signatures =
    [
        ("ET EXPLOIT Apache Struts OGNL Injection Attempt", 2024664), ("ET WEB_SERVER SQL Injection Attempt (UNION SELECT)", 2006446),
        ("ET EXPLOIT F5 BIG-IP iControl REST RCE", 2033138), ("ET WEB_SPECIFIC_APPS Path Traversal Attempt", 2019240),
    ];

    private static string SuricataTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+0000'", Invariant);

    private static string SuricataFlow(DateTimeOffset at, string src, int sport, string dst, int dport, DemoRandom rng) =>
        $"{{\"timestamp\":\"{SuricataTime(at)}\",\"flow_id\":{rng.NextULong() % 1_000_000_000_000},\"event_type\":\"flow\",\"src_ip\":\"{src}\",\"src_port\":{sport},\"dest_ip\":\"{dst}\",\"dest_port\":{dport},\"proto\":\"TCP\",\"app_proto\":\"tls\",\"flow\":{{\"pkts_toserver\":{rng.Next(5, 40)},\"pkts_toclient\":{rng.Next(5, 60)},\"bytes_toserver\":{rng.Next(800, 9000)},\"bytes_toclient\":{rng.Next(2000, 90000)},\"state\":\"closed\"}}}}";

    private void HarborCards(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        // Card payments: amounts of a few dollars to a few hundred; about one in seventy declined, spread over all cards.
        for (var i = 0; i < (int)(600 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var card = rng.Next(250_000);
            w.Add(at, CardAuthorization(at, $"tok_{card:x6}", Address(AmericaOctets, 600_000 + rng.Next(60_000)), 3 + (rng.NextDouble() * rng.NextDouble() * 400), !rng.Chance(0.014)));
        }
        // Card testing: stolen numbers checked with tiny amounts from one address, monthly and in the recent days.
        var month = day.MonthOf(calendar.Start);
        if (DemoCalendar.Monthly(day, 5 + (month * 3 % 20)) || day.Yesterday)
        {
            for (var wave = 0; wave < 1 + (month % 2); wave++)
            {
                var tester = Address(HostileOctets, 100_000 + (day.Date.DayNumber * 3) + wave);
                var start = w.At(2 + (wave * 9), 20);
                for (var i = 0; i < 120; i++)
                {
                    // The later waves reuse one card to find its expiry date and CVV: that shows by card too.
                    var card = month >= 4 && i % 8 == 0 ? "tok_f00d01" : $"tok_t{rng.Next(1_000_000):x5}";
                    w.Add(start.AddSeconds(i * 3), CardAuthorization(start.AddSeconds(i * 3), card, tester, 0.5 + (rng.Next(3) * 0.25), rng.Chance(0.12)));
                }
            }
        }
    }

    private static string CardAuthorization(DateTimeOffset at, string card, string address, double amount, bool approved) =>
        $"{{\"@timestamp\":\"{Iso(at)}\",\"event.category\":\"business\",\"event.action\":\"card-authorization\",\"event.outcome\":\"{(approved ? "success" : "failure")}\",\"source.ip\":\"{address}\",\"destination.ip\":\"{CardAuth}\",\"card.id\":\"{card}\",\"transaction.amount\":{Money(amount)},\"transaction.currency\":\"USD\",\"host.name\":\"card-switch-01\"}}";

    private void HarborSignIns(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        for (var i = 0; i < (int)(300 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var customer = 100_000 + rng.Next(70_000);
            w.Add(at, BankLogon(at, $"cust-{customer}", BankCustomerAddress(customer), customer % 40 == 0 ? "CA" : "US", !rng.Chance(0.02)));
        }
        // The takeover victims also bank as usual, so their history is at home.
        foreach (var victim in HarborTakeoverVictims)
        {
            var id = int.Parse(victim[5..], Invariant);
            var at = w.Moment();
            w.Add(at, BankLogon(at, victim, BankCustomerAddress(id), "US", true));
        }
        if (!TakeoverWave(day))
        {
            return;
        }
        // Account takeover: a botnet tries leaked passwords on many accounts, then gets into a few from abroad.
        var month = day.MonthOf(calendar.Start);
        var start = w.At(3, 40);
        for (var b = 0; b < 3; b++)
        {
            var bot = Address(HostileOctets, 150_000 + (day.Date.DayNumber * 5) + b);
            for (var i = 0; i < 120; i++)
            {
                var at = start.AddSeconds((b * 11) + (i * 6));
                w.Add(at, BankLogon(at, $"cust-{170_000 + (b * 500) + i}", bot, "RO", false));
            }
        }
        for (var v = 0; v < 2; v++)
        {
            var victim = HarborTakeoverVictims[((month * 2) + v) % HarborTakeoverVictims.Length];
            var bot = Address(HostileOctets, 160_000 + day.Date.DayNumber + v);
            var at = start.AddMinutes(20 + (v * 7));
            for (var i = 0; i < 8; i++)
            {
                w.Add(at.AddSeconds(i * 9), BankLogon(at.AddSeconds(i * 9), victim, bot, "RO", false));
            }
            w.Add(at.AddSeconds(80), BankLogon(at.AddSeconds(80), victim, bot, "RO", true));
        }
    }

    private static string BankLogon(DateTimeOffset at, string user, string address, string country, bool success) =>
        $"{{\"@timestamp\":\"{Iso(at)}\",\"event.category\":\"authentication\",\"event.action\":\"{(success ? "logon" : "logon-failed")}\",\"event.outcome\":\"{(success ? "success" : "failure")}\",\"source.ip\":\"{address}\",\"source.geo.country_iso_code\":\"{country}\",\"user.name\":\"{user}\",\"destination.ip\":\"{OnlineBanking}\",\"host.name\":\"obk-auth-01\"}}";
}
