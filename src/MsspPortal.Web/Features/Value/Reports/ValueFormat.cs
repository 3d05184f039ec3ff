using System.Globalization;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Reports;

// How a figure reads on the page, in the PDF and in headlines: units spelled out, money in the tenant's currency, and
// an estimate always as its P10–P90 range at two significant figures (a point would claim a precision it lacks).
public static class ValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Family(ValueFamily family) => family switch
    {
        ValueFamily.BusinessProtection => "Business protection",
        ValueFamily.OperationalEfficiency => "Operational efficiency",
        ValueFamily.BusinessGrowth => "Business growth",
        _ => family.ToString(),
    };

    public static bool IsEstimate(ValueFigure figure) => figure.Low is not null && figure.High is not null;

    // The figure as shown: a range for an estimate, else the value; "—" when the month has none.
    public static string Show(ValueFigure figure, string currency) =>
        IsEstimate(figure)
            ? $"{Amount(figure.Low!.Value, figure.Unit, currency, significant: true)} – {Amount(figure.High!.Value, figure.Unit, currency, significant: true)}"
            : figure.Value is { } value ? Amount(value, figure.Unit, currency, significant: false) : "—";

    public static string Baseline(ValueFigure figure, string currency) =>
        figure.Baseline is { } baseline ? Amount(baseline, figure.Unit, currency, significant: false) : "";

    public static string Amount(decimal value, ValueUnit unit, string currency, bool significant)
    {
        var number = significant ? TwoSignificant(value) : value;
        return unit switch
        {
            ValueUnit.Currency => Money(number, currency),
            ValueUnit.Percent => number.ToString("0.##", Invariant) + " %",
            ValueUnit.Minutes => number.ToString("#,0.#", Invariant) + " min",
            ValueUnit.Hours => number.ToString("#,0.#", Invariant) + " h",
            ValueUnit.Days => number.ToString("#,0.#", Invariant) + " days",
            _ => number.ToString("#,0.##", Invariant),
        };
    }

    public static string Money(decimal value, string currency)
    {
        var symbol = currency switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            "CNY" or "JPY" => "¥",
            _ => currency + " ",
        };
        var abs = Math.Abs(value);
        var text = abs >= 1_000_000 ? (abs / 1_000_000m).ToString("0.##", Invariant) + "M"
            : abs >= 10_000 ? (abs / 1_000m).ToString("0.#", Invariant) + "k"
            : abs.ToString("#,0", Invariant);
        return (value < 0 ? "-" : "") + symbol + text;
    }

    public static decimal TwoSignificant(decimal value)
    {
        if (value == 0)
        {
            return 0;
        }
        var magnitude = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var scale = (decimal)Math.Pow(10, magnitude - 1);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }

    // Plain invariant numbers for the CSV: what a spreadsheet or a script reads back exactly.
    public static string Number(decimal? value) => value?.ToString(Invariant) ?? "";
}
