using System.Globalization;

namespace MsspPortal.Web.Features.Value.Model;

// How the value model writes amounts and estimates in sentences: the tenant's currency symbol, two significant
// figures for an estimate (its precision is no better), and always the range.
public static class ValueText
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = "€",
        ["USD"] = "$",
        ["GBP"] = "£",
        ["JPY"] = "¥",
        ["CNY"] = "¥",
        ["INR"] = "₹",
        ["KRW"] = "₩",
    };

    public static string Symbol(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (Symbols.TryGetValue(currency, out var symbol))
        {
            return symbol;
        }
        // Otherwise a region that uses the currency names its symbol; with none found, the ISO code.
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                if (string.Equals(region.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))
                {
                    return region.CurrencySymbol;
                }
            }
            catch (ArgumentException)
            {
                // A neutral or custom culture without a region.
            }
        }
        return currency.ToUpperInvariant() + " ";
    }

    // Two significant figures: 384_512 → 380_000; 0.0734 → 0.073.
    public static double Significant(double value, int digits = 2)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }
        var magnitude = Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var scale = Math.Pow(10, magnitude - digits);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    // "¥380k", "€1.2M", "$950": two significant figures with a thousands suffix.
    public static string Money(double amount, string currency)
    {
        var symbol = Symbol(currency);
        var sign = amount < 0 ? "−" : "";
        var value = Significant(Math.Abs(amount));
        var (scaled, suffix) = value switch
        {
            >= 1e9 => (value / 1e9, "bn"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e3 => (value / 1e3, "k"),
            _ => (value, ""),
        };
        return sign + symbol + scaled.ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    public static string MoneyRange(double low, double high, string currency) => $"{Money(low, currency)}–{Money(high, currency)}";

    // "1 h", "1.5 h", "45 min".
    public static string Hours(double minutes) =>
        minutes < 60
            ? Math.Round(minutes).ToString("0", CultureInfo.InvariantCulture) + " min"
            : Significant(minutes / 60).ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
