namespace MsspPortal.Web.Demo;

// orbit-saas: a SaaS company opening two new markets a month; its staff sign in from new countries, mostly for good.
internal sealed partial class DemoLogs
{
    private static readonly string[] OrbitStaff =
    [
        "o.orbit", "m.keane", "support-lead", "a.byrne", "c.walsh", "d.kelly", "e.murphy", "f.ryan", "g.doyle", "h.nolan",
        "i.quinn", "j.lynch", "k.burke", "l.daly", "n.farrell", "p.hayes", "r.power", "s.moran", "t.reid", "u.clarke",
    ];

    // Staff who travel to open a market: their logons from the new country are legitimate.
    public static readonly string[] OrbitTravellers = ["o.orbit", "m.keane", "c.walsh", "e.murphy", "g.doyle", "i.quinn"];

    // Staff whose accounts were taken over: the analysts escalate these.
    public static readonly string[] OrbitTakeoverVictims = ["k.burke", "p.hayes", "t.reid"];

    // Two markets a month from the window's second month on: Europe first, then South-East Asia.
    public static readonly string[][] OrbitMarketsByMonth =
    [
        [], ["Germany", "Netherlands"], ["France", "Spain"], ["Singapore", "Malaysia"], ["Thailand", "Vietnam"], ["Indonesia", "Philippines"],
    ];

    private static readonly string[] TakeoverCountries = ["Brazil", "Russia", "Nigeria"];

    private const int LaunchDay = 12;

    private static string StaffAddress(string user) => Address(EuropeOctets, 300_000 + StableHash(user));

    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash & 0x7FFFFFFF;
    }

    private void OrbitOkta(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        var month = Math.Min(day.MonthOf(calendar.Start), OrbitMarketsByMonth.Length - 1);
        var scale = day.Length.TotalDays;
        foreach (var user in OrbitStaff)
        {
            for (var i = 0; i < (int)(rng.Next(6, 11) * scale); i++)
            {
                var at = w.Moment();
                w.Add(at, Okta(at, user, StaffAddress(user), StableHash(user) % 4 == 0 ? "United Kingdom" : "Ireland", i == 0 ? "user.session.start" : "user.authentication.sso", true, rng));
            }
        }
        // Local staff hired in each market opened so far sign in from there: new users, so no history to differ from.
        for (var m = 1; m <= month; m++)
        {
            foreach (var country in OrbitMarketsByMonth[m])
            {
                for (var h = 0; h < 3; h++)
                {
                    var user = $"{country[..3].ToLowerInvariant()}.staff{h + 1}";
                    for (var i = 0; i < (int)(rng.Next(4, 8) * scale); i++)
                    {
                        var at = w.Moment();
                        w.Add(at, Okta(at, user, Address(EuropeOctets, 310_000 + StableHash(user)), country, "user.authentication.sso", true, rng));
                    }
                }
            }
        }
        // Launch day: a traveller signs in from the new market; legitimate, and the analysts close it as such.
        if (day.Date.Day == LaunchDay && month >= 1)
        {
            for (var k = 0; k < 2; k++)
            {
                var traveller = OrbitTravellers[((month * 2) + k) % OrbitTravellers.Length];
                var at = w.At(10 + k, 30);
                w.Add(at, Okta(at, traveller, Address(EuropeOctets, 320_000 + (month * 10) + k), OrbitMarketsByMonth[month][k], "user.session.start", true, rng));
            }
        }
        // Takeovers: phished passwords tried from abroad until one works (months 2 and 4, and yesterday).
        if ((day.Date.Day == 23 && month is 2 or 4) || day.Yesterday)
        {
            var victim = OrbitTakeoverVictims[month % OrbitTakeoverVictims.Length];
            var country = TakeoverCountries[month % TakeoverCountries.Length];
            var attacker = Address(HostileOctets, 330_000 + day.Date.DayNumber);
            var at = w.At(4, 10);
            for (var i = 0; i < 7; i++)
            {
                w.Add(at.AddSeconds(i * 20), Okta(at.AddSeconds(i * 20), victim, attacker, country, "user.session.start", false, rng));
            }
            w.Add(at.AddSeconds(160), Okta(at.AddSeconds(160), victim, attacker, country, "user.session.start", true, rng));
        }
    }

    private static string Okta(DateTimeOffset at, string user, string address, string country, string eventType, bool success, DemoRandom rng) =>
        $"{{\"uuid\":\"{rng.NextULong():x16}\",\"published\":\"{Iso(at)}\",\"eventType\":\"{eventType}\",\"displayMessage\":\"{(eventType == "user.session.start" ? "User login to Okta" : "User single sign on to app")}\",\"severity\":\"{(success ? "INFO" : "WARN")}\",\"actor\":{{\"alternateId\":\"{user}@orbit.example\",\"displayName\":\"{user}\"}},\"client\":{{\"ipAddress\":\"{address}\",\"geographicalContext\":{{\"country\":\"{country}\"}}}},\"outcome\":{{\"result\":\"{(success ? "SUCCESS" : "FAILURE")}\"}}}}";

    private static void OrbitBastion(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        for (var s = 0; s < 6; s++)
        {
            var user = OrbitStaff[s + 1];
            for (var i = 0; i < (int)(rng.Next(6, 14) * day.Length.TotalDays); i++)
            {
                var at = w.Moment();
                var port = rng.Next(1024, 65535);
                w.Add(at, $"<38>{w.Bsd(at)} bastion-01 sshd[{port % 9000}]: Accepted publickey for {user} from {StaffAddress(user)} port {port} ssh2: ED25519 SHA256:Xb3k9{s}Lq2VwP0s");
                w.Add(at.AddSeconds(1), $"<86>{w.Bsd(at.AddSeconds(1))} bastion-01 sshd[{port % 9000}]: pam_unix(sshd:session): session opened for user {user}(uid=100{s}) by (uid=0)");
                if (rng.Chance(0.4))
                {
                    w.Add(at.AddSeconds(40), $"<85>{w.Bsd(at.AddSeconds(40))} bastion-01 sudo:   {user} : TTY=pts/{s} ; PWD=/home/{user} ; USER=root ; COMMAND=/usr/bin/systemctl status orbit-api");
                }
            }
        }
        // The internet knocks all day: single failed guesses from many addresses.
        for (var i = 0; i < (int)(50 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            w.Add(at, $"<38>{w.Bsd(at)} bastion-01 sshd[{rng.Next(9000)}]: Failed password for invalid user {rng.Pick(GuessedUsers)} from {Address(HostileOctets, rng.Next(1_000_000))} port {rng.Next(1024, 65535)} ssh2");
        }
        // A real brute force about twice a month: one address, a hundred guesses in five minutes.
        if (rng.Chance(0.07) || day.Yesterday)
        {
            var attacker = Address(HostileOctets, 340_000 + day.Date.DayNumber);
            var at = w.At(rng.Next(0, 24), 5);
            for (var i = 0; i < 100; i++)
            {
                var t = at.AddSeconds(i * 3);
                w.Add(t, $"<38>{w.Bsd(t)} bastion-01 sshd[{4000 + i}]: Failed password for {(i % 3 == 0 ? "root" : "invalid user " + GuessedUsers[i % GuessedUsers.Length])} from {attacker} port {30_000 + i} ssh2");
            }
        }
    }

    private static readonly string[] GuessedUsers = ["admin", "test", "oracle", "ubuntu", "postgres", "git", "deploy", "user", "ftpuser", "pi", "guest", "support"];

    private static void OrbitDeepSecurity(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        for (var i = 0; i < (int)(120 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var (host, address) = rng.Chance(0.5) ? ("pg-main", "192.168.20.30") : ("app-01", "192.168.20.10");
            w.Add(at, i % 4 == 0
                ? $"LEEF:1.0|Trend Micro|Deep Security Agent|20.0|1000000|devTime={at.ToUnixTimeMilliseconds()}\tcat=Integrity Monitor\tsev=2\tdvchost={host}\tsrc={address}\tname=File attributes changed\tact=detect\tfilePath=/etc/orbit/app.conf"
                : $"LEEF:1.0|Trend Micro|Deep Security Agent|20.0|4000000|devTime={at.ToUnixTimeMilliseconds()}\tcat=Anti-Malware\tsev=1\tdvchost={host}\tsrc={address}\tname=Scheduled scan completed\tact=pass");
        }
        // Web reputation: a server contacted an address on the shared overseas intel list (monthly, and yesterday).
        if (day.Date.Day == 17 || day.Yesterday)
        {
            var bad = OrbitBadAddresses[day.Date.Month % OrbitBadAddresses.Length];
            var at = w.At(11, 20);
            for (var i = 0; i < 3; i++)
            {
                w.Add(at.AddMinutes(i), $"LEEF:1.0|Trend Micro|Deep Security Agent|20.0|5000000|devTime={at.AddMinutes(i).ToUnixTimeMilliseconds()}\tcat=Web Reputation\tsev=6\tdvchost=app-01\tsrc=192.168.20.10\tdst={bad}\tdstPort=443\tname=Blocked URL: known command-and-control\tact=block");
            }
        }
    }
}
