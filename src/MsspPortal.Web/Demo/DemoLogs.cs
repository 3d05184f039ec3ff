using System.Globalization;

namespace MsspPortal.Web.Demo;

internal readonly record struct DemoLine(DateTimeOffset At, string Text);

// What each demo device logged on one day, as the device writes it (PAN-OS and Cisco ASA syslog, CEF, LEEF,
// Suricata and Okta JSON, ECS JSON from the customers' own applications). Mostly ordinary work; the attacks of the
// story are dense bursts far above any threshold, and ordinary traffic stays far below them, so a retuned rule
// tells the same story. Deterministic: each (tenant, source, day) has its own generator seeded from the demo seed.
internal sealed partial class DemoLogs(DemoCalendar calendar, int seed)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // Known-bad addresses: the intel lists (imported through the intel feature) name them, and some traffic reaches them.
    public static readonly string[] HarborBadAddresses = ["185.220.101.33", "45.143.203.7", "194.26.29.120", "91.240.118.50"];
    public static readonly string[] OrbitBadAddresses = ["103.145.13.90", "45.155.205.233", "179.43.187.12"];

    public DemoCalendar Calendar => calendar;

    public List<DemoLine> Lines(int tenantIndex, DemoTenant tenant, int sourceIndex, DemoSource source, DemoDay day)
    {
        var rng = DemoRandom.For(seed, tenantIndex, sourceIndex, day.Date.DayNumber);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
        var output = new DayWriter(day, zone, rng);
        switch (source.Name)
        {
            case "fw-edge-01": NorthwindFirewall(output); break;
            case "waf-storefront": NorthwindWaf(output); break;
            case "shop-orders": NorthwindOrders(output); break;
            case "asa-01": HarborAsa(output); break;
            case "suricata-dmz": HarborSuricata(output); break;
            case "card-switch": HarborCards(output); break;
            case "online-banking": HarborSignIns(output); break;
            case "bastion-auth": OrbitBastion(output); break;
            case "okta": OrbitOkta(output); break;
            case "qradar-forward": OrbitDeepSecurity(output); break;
            default: throw new InvalidOperationException($"No demo log generator for source {source.Name}.");
        }
        output.Lines.Sort((a, b) => a.At.CompareTo(b.At));
        return output.Lines;
    }

    // Collects one day's lines; times fall in the day, busier in the tenant's local daytime.
    private sealed class DayWriter(DemoDay day, TimeZoneInfo zone, DemoRandom rng)
    {
        public List<DemoLine> Lines { get; } = [];

        public DemoDay Day => day;

        public DemoRandom Random => rng;

        // A moment of the day, weighted towards the local working day and evening.
        public DateTimeOffset Moment()
        {
            while (true)
            {
                var at = day.Start + TimeSpan.FromSeconds(rng.NextDouble() * day.Length.TotalSeconds);
                var hour = TimeZoneInfo.ConvertTime(at, zone).Hour;
                var weight = hour is >= 7 and <= 22 ? 1.0 : hour is >= 1 and <= 5 ? 0.15 : 0.4;
                if (rng.NextDouble() < weight)
                {
                    return at;
                }
            }
        }

        // A moment at a given local time of this day (clamped into the day), for scheduled attacks.
        public DateTimeOffset At(int localHour, int minute = 0)
        {
            var local = new DateTime(day.Date.Year, day.Date.Month, day.Date.Day, localHour, minute, 0, DateTimeKind.Unspecified);
            var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            return at < day.Start ? day.Start : at >= day.End ? day.End.AddMinutes(-30) : at;
        }

        public void Add(DateTimeOffset at, string line) => Lines.Add(new DemoLine(at, line));

        // RFC 3164 header time: local to the device, as the parser reads it with the tenant's time zone.
        public string Bsd(DateTimeOffset at)
        {
            var local = TimeZoneInfo.ConvertTime(at, zone);
            return string.Create(Invariant, $"{Months[local.Month - 1]} {local.Day,2} {local:HH:mm:ss}");
        }

        public string Local(DateTimeOffset at, string format) => TimeZoneInfo.ConvertTime(at, zone).ToString(format, Invariant);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant);

    private static string Money(double value) => value.ToString("0.00", Invariant);

    // A public address from a few large ranges; the same key always gives the same address.
    private static string Address(int[] firstOctets, int key)
    {
        var r = DemoRandom.For(key, 7);
        return string.Create(Invariant, $"{firstOctets[r.Next(firstOctets.Length)]}.{r.Next(1, 255)}.{r.Next(0, 256)}.{r.Next(1, 255)}");
    }

    private static readonly int[] EuropeOctets = [31, 46, 62, 77, 81, 85, 87, 91, 93, 109, 151, 176, 178, 188, 212, 213, 217];
    private static readonly int[] AmericaOctets = [23, 24, 50, 64, 66, 67, 68, 69, 71, 73, 75, 76, 96, 97, 98, 99, 104, 107, 108, 173, 174];
    private static readonly int[] HostileOctets = [5, 37, 80, 89, 92, 102, 141, 154, 156, 197];
}
