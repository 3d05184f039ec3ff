using System.Globalization;
using System.Text.RegularExpressions;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Billing;

// One calendar billing period as the URL names it: "2026-10" (a month), "2026-Q3" (a quarter), "2026" (a year).
public sealed partial record InvoicePeriod(BillingPeriod Kind, int Year, int FirstMonth)
{
    public int Months => Kind switch { BillingPeriod.Quarterly => 3, BillingPeriod.Yearly => 12, _ => 1 };

    public DateOnly FirstDay => new(Year, FirstMonth, 1);

    // The first day after the period.
    public DateOnly EndDay => FirstDay.AddMonths(Months);

    public string Label => Kind switch
    {
        BillingPeriod.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{(FirstMonth - 1) / 3 + 1}"),
        BillingPeriod.Yearly => Year.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}-{FirstMonth:00}"),
    };

    public IEnumerable<DateOnly> MonthStarts => Enumerable.Range(0, Months).Select(i => FirstDay.AddMonths(i));

    public InvoicePeriod Previous => Containing(Kind, FirstDay.AddMonths(-Months));

    // The same months one year earlier: where R0 comes from when the tenant reported them.
    public InvoicePeriod YearEarlier => this with { Year = Year - 1 };

    public static InvoicePeriod Containing(BillingPeriod kind, DateOnly day) => kind switch
    {
        BillingPeriod.Quarterly => new(kind, day.Year, (day.Month - 1) / 3 * 3 + 1),
        BillingPeriod.Yearly => new(kind, day.Year, 1),
        _ => new(kind, day.Year, day.Month),
    };

    public static InvoicePeriod? Parse(string? text)
    {
        var m = PeriodPattern().Match(text?.Trim() ?? "");
        if (!m.Success)
        {
            return null;
        }
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["quarter"].Success)
        {
            return new(BillingPeriod.Quarterly, year, (int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1);
        }
        if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? new(BillingPeriod.Monthly, year, month) : null;
        }
        return new(BillingPeriod.Yearly, year, 1);
    }

    // The period's bounds as UTC instants: local midnights in the tenant's zone, so a month ends when it ends there.
    public (DateTimeOffset From, DateTimeOffset To) Instants(TimeZoneInfo zone) => (Midnight(FirstDay, zone), Midnight(EndDay, zone));

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change starts the day at the first instant that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [GeneratedRegex(@"^(?<year>20\d\d|19\d\d)(?:-(?:Q(?<quarter>[1-4])|(?<month>\d\d)))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
