namespace MsspPortal.Web.Demo;

// northwind-shop: an online shop whose November sale brings ten times the traffic, and the attacks that come with it.
internal sealed partial class DemoLogs
{
    internal const string Checkout = "10.10.1.10";
    private const string Storefront = "10.10.1.20";
    private const string EdgeFirewall = "10.10.0.1";

    private bool SaleDay(DemoDay day) => day.Date >= calendar.SaleStart && day.Date <= calendar.SaleEnd;

    private static string Shopper(int id) => Address(EuropeOctets, 100_000 + id);

    private void NorthwindFirewall(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        var traffic = (int)(300 * calendar.ShopTraffic(day.Date) * day.Length.TotalDays);
        for (var i = 0; i < traffic; i++)
        {
            var at = w.Moment();
            var shopper = Shopper(rng.Next(40_000));
            var (dst, port) = rng.Chance(0.35) ? (Checkout, 443) : (Storefront, rng.Chance(0.9) ? 443 : 80);
            w.Add(at, PanTraffic(w, at, shopper, dst, rng.Next(1024, 65535), port, "allow", "allow-web", "ssl"));
        }
        // Internet background: a few stray denies a day from many different addresses.
        for (var i = 0; i < (int)(40 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            w.Add(at, PanTraffic(w, at, Address(HostileOctets, rng.Next(1_000_000)), EdgeFirewall, rng.Next(1024, 65535), rng.Pick(StrayPorts), "deny", "deny-all", "incomplete"));
        }
        // A scanner sweeps the edge about once a week: 60 ports in a minute.
        if (rng.Chance(0.15))
        {
            var scanner = Address(HostileOctets, day.Date.DayNumber);
            var at = w.At(rng.Next(0, 24), rng.Next(0, 59));
            for (var p = 0; p < 60; p++)
            {
                w.Add(at.AddSeconds(p), PanTraffic(w, at.AddSeconds(p), scanner, EdgeFirewall, 40_000 + p, ScanPorts[p % ScanPorts.Length] + (p / ScanPorts.Length), "deny", "deny-all", "incomplete"));
            }
        }
        // Exploit attempts against the storefront, blocked by the firewall's threat prevention (a couple a week, and
        // yesterday for the live queue).
        if (rng.Chance(0.3) || day.Yesterday)
        {
            var at = w.Moment();
            var attacker = Address(HostileOctets, 500_000 + day.Date.DayNumber);
            var (name, id) = rng.Pick(Exploits);
            w.Add(at, PanThreat(w, at, attacker, Storefront, 443, name, id, "critical", "reset-both"));
        }
        // The sale's DDoS: thousands of connections to checkout within seconds, at the peak and the day after.
        if (day.Date == calendar.SalePeak || day.Date == calendar.SalePeak.AddDays(1))
        {
            var start = w.At(day.Date == calendar.SalePeak ? 14 : 20, 5);
            for (var i = 0; i < 4_000; i++)
            {
                var at = start.AddMilliseconds(i * 2);
                w.Add(at, PanTraffic(w, at, Address(HostileOctets, 900_000 + rng.Next(800)), Checkout, rng.Next(1024, 65535), 443, "deny", "ddos-protect", "incomplete"));
            }
        }
    }

    private static readonly int[] StrayPorts = [22, 23, 445, 3389, 5900, 8080];
    private static readonly int[] ScanPorts = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 3306, 3389, 5432, 5900];
    private static readonly (string Name, int Id)[] Exploits =
    [
        ("Apache Log4j Remote Code Execution Vulnerability", 91991), ("Spring Core Remote Code Execution Vulnerability", 92394),
        ("PHPUnit Remote Code Execution Vulnerability", 55877), ("Magento Remote Code Execution Vulnerability", 91350),
    ];

    private static string PanTraffic(DayWriter w, DateTimeOffset at, string src, string dst, int sport, int dport, string action, string rule, string app)
    {
        var t = w.Local(at, "yyyy/MM/dd HH:mm:ss");
        return $"<14>{w.Bsd(at)} fw-edge-01 1,{t},013201001234,TRAFFIC,end,2049,{t},{src},{dst},0.0.0.0,0.0.0.0,{rule},,,{app},vsys1,untrust,dmz,ethernet1/1,ethernet1/2,log-fwd,{t},{sport % 100_000},1,{sport},{dport},0,0,0x400000,tcp,{action},1840,620,1220,9,{t},1,any,0,7203{sport},0x0,EU,DE,0,5,4";
    }

    private static string PanThreat(DayWriter w, DateTimeOffset at, string src, string dst, int dport, string name, int id, string severity, string action)
    {
        var t = w.Local(at, "yyyy/MM/dd HH:mm:ss");
        return $"<14>{w.Bsd(at)} fw-edge-01 1,{t},013201001234,THREAT,vulnerability,2049,{t},{src},{dst},0.0.0.0,0.0.0.0,allow-web,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/2,log-fwd,{t},88123,1,51515,{dport},0,0,0x2000,tcp,{action},\"/index.php\",{name}({id}),code-execution,{severity},client-to-server,7203981,0x0,EU,DE";
    }

    private void NorthwindWaf(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        var requests = (int)(200 * calendar.ShopTraffic(day.Date) * day.Length.TotalDays);
        for (var i = 0; i < requests; i++)
        {
            var at = w.Moment();
            var path = rng.Pick(ShopPaths);
            w.Add(at, $"CEF:0|Imperva Inc.|SecureSphere|14.7|web-request|HTTP request|1|rt={at.ToUnixTimeMilliseconds()} src={Shopper(rng.Next(40_000))} dst={Storefront} spt={rng.Next(1024, 65535)} dpt=443 act=allowed requestMethod=GET request={path} cs1Label=Policy cs1=Default Web Policy");
        }
        for (var i = 0; i < (int)(8 * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            w.Add(at, $"CEF:0|Imperva Inc.|SecureSphere|14.7|sqli|SQL injection attempt|7|rt={at.ToUnixTimeMilliseconds()} src={Address(HostileOctets, rng.Next(1_000_000))} dst={Storefront} spt={rng.Next(1024, 65535)} dpt=443 act=blocked requestMethod=GET request=/search?q=1%27%20OR%201%3D1-- cs1Label=Policy cs1=SQL Injection");
        }
    }

    private static readonly string[] ShopPaths = ["/", "/search?q=shoes", "/products/18220", "/products/20411", "/basket", "/checkout", "/account", "/products/9931"];

    private void NorthwindOrders(DayWriter w)
    {
        var (day, rng) = (w.Day, w.Random);
        var traffic = calendar.ShopTraffic(day.Date);
        for (var i = 0; i < (int)(140 * traffic * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var customer = rng.Next(40_000);
            w.Add(at, Order(at, customer, Shopper(customer), rng));
        }
        for (var i = 0; i < (int)(160 * traffic * day.Length.TotalDays); i++)
        {
            var at = w.Moment();
            var customer = rng.Next(40_000);
            // A customer now and then mistypes a password: scattered, never a run.
            w.Add(at, ShopLogon(at, customer, Shopper(customer), !rng.Chance(0.03)));
        }
        if (!SaleDay(day))
        {
            return;
        }
        // Bots buy up discounted stock: one address, an order every few seconds (three days of the sale).
        if (day.Date == calendar.SaleStart.AddDays(4) || day.Date == calendar.SalePeak || day.Date == calendar.SaleEnd.AddDays(-1))
        {
            var bot = Address(HostileOctets, 700_000 + day.Date.DayNumber);
            var start = w.At(9 + rng.Next(10), rng.Next(0, 50));
            for (var i = 0; i < 90; i++)
            {
                // The live watch blocks the address once the order-flood rule fires (its 20th order): the rest are refused.
                w.Add(start.AddSeconds(i * 5), Order(start.AddSeconds(i * 5), 90_000 + i, bot, rng, accepted: i < 20));
            }
        }
        // Credential stuffing the day before the peak: leaked passwords tried against many shoppers' accounts.
        if (day.Date == calendar.SalePeak.AddDays(-1))
        {
            var start = w.At(22, 10);
            for (var b = 0; b < 4; b++)
            {
                var bot = Address(HostileOctets, 800_000 + b);
                for (var i = 0; i < 150; i++)
                {
                    var at = start.AddSeconds((b * 37) + (i * 4));
                    w.Add(at, ShopLogon(at, 50_000 + (b * 1000) + i, bot, success: false));
                }
            }
        }
    }

    private static string Order(DateTimeOffset at, int customer, string address, DemoRandom rng, bool accepted = true) =>
        $"{{\"@timestamp\":\"{Iso(at)}\",\"event.category\":\"business\",\"event.action\":\"order-placed\",\"event.outcome\":\"{(accepted ? "success" : "failure")}\",\"source.ip\":\"{address}\",\"user.name\":\"customer-{customer}\",\"order.id\":\"NW-{at.ToUnixTimeMilliseconds() % 100_000_000}\",\"order.total\":{Money(12 + (rng.NextDouble() * 180))},\"host.name\":\"orders-01\"}}";

    private static string ShopLogon(DateTimeOffset at, int customer, string address, bool success) =>
        $"{{\"@timestamp\":\"{Iso(at)}\",\"event.category\":\"authentication\",\"event.action\":\"{(success ? "logon" : "logon-failed")}\",\"event.outcome\":\"{(success ? "success" : "failure")}\",\"source.ip\":\"{address}\",\"source.geo.country_iso_code\":\"DE\",\"user.name\":\"customer-{customer}\",\"host.name\":\"shop-auth-01\"}}";
}
