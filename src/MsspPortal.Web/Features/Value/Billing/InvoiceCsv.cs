using System.Globalization;
using System.Text;
using MsspPortal.Web.Infrastructure.Export;

namespace MsspPortal.Web.Features.Value.Billing;

// The invoice preview as CSV: one row per line, amounts with a dot and two decimals, the basis of each amount in words.
// Amounts are never negative (a leading minus would be neutralised as a formula): "effect" says add, deduct or total.
public static class InvoiceCsv
{
    public static string Write(InvoicePreview invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var csv = new StringBuilder();
        csv.Append(SpreadsheetCsv.Row("line", "label", "effect", "amount", "currency", "basis", "source"));
        void Line(string key, string label, string effect, decimal amount, string basis, string source = "") =>
            csv.Append(SpreadsheetCsv.Row(key, label, effect, Amount(amount), invoice.Currency, basis, source));

        if (invoice.Contract is not { } contract)
        {
            csv.Append(SpreadsheetCsv.Row("note", string.Join(" ", invoice.Notes), "", "", invoice.Currency, "", ""));
            return csv.ToString();
        }
        Line("base-fee", $"Base fee {invoice.Period}", "add", invoice.BaseFee,
            $"{contract.BillingPeriod} base fee of contract #{contract.Id} ({contract.StartsOn:yyyy-MM-dd} to {contract.EndsOn:yyyy-MM-dd})");
        if (invoice.RevenueShare is { } share)
        {
            Line("revenue-share", $"{Percent(share.Percent)} of revenue growth above {Percent(share.ThresholdPercent)} ({share.Reading.ToString().ToLowerInvariant()})",
                "add", share.Share.Amount,
                string.Create(CultureInfo.InvariantCulture,
                    $"R0={Amount(share.R0)} ({share.R0Basis.ToString().ToLowerInvariant()}); R1={Amount(share.R1)}; threshold revenue={Amount(share.Share.ThresholdRevenue)}; shared={Amount(share.Share.Shared)}; uncapped={Amount(share.Share.Uncapped)}; cap={(share.Cap is { } c ? Amount(c) : "none")}"),
                share.R0Source);
        }
        else
        {
            csv.Append(SpreadsheetCsv.Row("revenue-share", "Revenue share", "none", "", invoice.Currency, invoice.RevenueShareMissing, ""));
        }
        if (invoice.Credits is { } credits)
        {
            foreach (var row in credits.Rows)
            {
                Line("sla-credit." + row.Severity.ToString().ToLowerInvariant(), $"SLA credit {row.Severity} ({credits.FromPeriod})", "earned", row.Amount,
                    string.Create(CultureInfo.InvariantCulture,
                        $"attainment {(row.AttainmentPercent is { } a ? Percent(a) : "n/a")} ({row.Met}/{row.Decided}) vs target {(row.TargetPercent is { } t ? Percent(t) : "none")}; credit {Percent(row.CreditPercent)} of the base fee"),
                    row.QueueLink);
            }
            Line("sla-credits", $"SLA credits from {credits.FromPeriod}", "deduct", credits.Total,
                string.Create(CultureInfo.InvariantCulture, $"uncapped {Amount(credits.Uncapped)}; cap {(credits.Cap is { } c ? Amount(c) : "the base fee")}"));
        }
        Line("total", $"Total {invoice.Period}", "total", invoice.Total, "base fee + revenue share − SLA credits, not below zero");
        return csv.ToString();
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
