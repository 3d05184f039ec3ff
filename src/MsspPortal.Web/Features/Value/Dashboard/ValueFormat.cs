using System.Globalization;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Dashboard;

// How a figure reads on the dashboard. An estimate (it has a P10–P90 range) is shown to two significant figures and
// always as its range, never as a point alone; a count or a measurement is shown as it is.
public static class ValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool IsEstimate(ValueFigure figure) => figure.Low is not null && figure.High is not null;

    public static string Symbol(string currency) => currency switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "JPY" or "CNY" => "¥",
        _ => currency + " ",
    };

    // The figure's value; for an estimate its range "€380k–€720k".
    public static string Shown(ValueFigure figure, string currency) =>
        figure.Value is null ? "—"
        : IsEstimate(figure) ? Range(figure, currency)
        : Measured(figure.Value.Value, figure.Unit, currency);

    public static string Range(ValueFigure figure, string currency) =>
        Estimate(figure.Low!.Value, figure.Unit, currency) + "–" + Estimate(figure.High!.Value, figure.Unit, currency);

    public static string Median(ValueFigure figure, string currency) =>
        figure.Value is { } value ? Estimate(value, figure.Unit, currency) : "—";

    public static string Baseline(ValueFigure figure, string currency) =>
        figure.Baseline is not { } baseline ? ""
        : IsEstimate(figure) ? Estimate(baseline, figure.Unit, currency)
        : Measured(baseline, figure.Unit, currency);

    // The change against the baseline in percent of the baseline, signed: "−88 %".
    public static string? Change(ValueFigure figure)
    {
        if (figure is not { Value: { } value, Baseline: { } baseline } || baseline == 0)
        {
            return null;
        }
        var percent = Math.Round((value - baseline) / baseline * 100m, 0, MidpointRounding.AwayFromZero);
        return (percent > 0 ? "+" : percent < 0 ? "−" : "±") + Math.Abs(percent).ToString("0", Invariant) + " %";
    }

    public static string Measured(decimal value, ValueUnit unit, string currency) => unit switch
    {
        ValueUnit.Count => value.ToString("#,0.##", Invariant),
        ValueUnit.Minutes => value >= 120 ? (value / 60).ToString("#,0.#", Invariant) + " h" : value.ToString("0.#", Invariant) + " min",
        ValueUnit.Hours => value.ToString("#,0.#", Invariant) + " h",
        ValueUnit.Days => value.ToString("#,0.#", Invariant) + " d",
        ValueUnit.Percent => value.ToString("0.##", Invariant) + " %",
        ValueUnit.Currency => Symbol(currency) + value.ToString("#,0", Invariant),
        _ => value.ToString("#,0.##", Invariant),
    };

    public static string Estimate(decimal value, ValueUnit unit, string currency) => unit switch
    {
        ValueUnit.Currency => (value < 0 ? "−" : "") + Symbol(currency) + Compact(Math.Abs(value)),
        ValueUnit.Minutes => value >= 120 ? Compact(value / 60) + " h" : Compact(value) + " min",
        ValueUnit.Hours => Compact(value) + " h",
        ValueUnit.Days => Compact(value) + " d",
        ValueUnit.Percent => Compact(value) + " %",
        _ => Compact(value),
    };

    // Two significant figures with k/M/bn: 384,512 → "380k", 1,234,567 → "1.2M", 0.0123 → "0.012".
    public static string Compact(decimal value)
    {
        var rounded = Significant(value, 2);
        var magnitude = Math.Abs(rounded);
        return magnitude switch
        {
            >= 1_000_000_000m => (rounded / 1_000_000_000m).ToString("0.#", Invariant) + "bn",
            >= 1_000_000m => (rounded / 1_000_000m).ToString("0.#", Invariant) + "M",
            >= 1_000m => (rounded / 1_000m).ToString("0.#", Invariant) + "k",
            _ => rounded.ToString("0.############", Invariant),
        };
    }

    public static decimal Significant(decimal value, int digits)
    {
        if (value == 0)
        {
            return 0;
        }
        var exponent = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var scale = (decimal)Math.Pow(10, exponent - digits + 1);
        return Math.Round(value / scale, 0, MidpointRounding.AwayFromZero) * scale;
    }

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", Invariant);
}
