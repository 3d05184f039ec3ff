using System.CommandLine;
using System.Globalization;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Features.Value.Reports;
using MsspPortal.Web.Host;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Cli;

// `mssp report --tenant SLUG --month 2026-10 --out FILE.pdf [--csv FILE.csv]`: a tenant's monthly value report from
// the portal's own database. The published snapshot when the month has one; otherwise its draft, built now.
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant's slug (see `mssp tenants`)", Required = true };
        var month = new Option<string>("--month") { Description = "The month, YYYY-MM", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the PDF here" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Write the CSV of all figures here" };
        var command = new Command("report", "Write a tenant's monthly value report as PDF (and CSV)") { tenant, month, output, csv };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parsed.GetValue(month) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                return await MsspCli.UsageAsync(command, context, "--month is YYYY-MM, e.g. 2026-10.", cancellationToken);
            }
            if (parsed.GetValue(output) is null && parsed.GetValue(csv) is null)
            {
                return await MsspCli.UsageAsync(command, context, "Pass --out FILE.pdf, --csv FILE.csv or both.", cancellationToken);
            }
            using var host = CliHost.Build(parsed, context);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
            // The operator at the terminal has the database itself: platform-wide scope.
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
            var export = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportValueReport(parsed.GetValue(tenant)!.Trim(), first), cancellationToken);
            if (export.Report is not { } report)
            {
                await context.Error.WriteLineAsync(export.Error);
                return 1;
            }
            if (parsed.GetValue(output) is { } pdfFile)
            {
                await File.WriteAllBytesAsync(pdfFile.FullName, export.Pdf(), cancellationToken);
            }
            if (parsed.GetValue(csv) is { } csvFile)
            {
                await File.WriteAllBytesAsync(csvFile.FullName, export.Csv(), cancellationToken);
            }
            await context.Output.WriteLineAsync($"{report.TenantName} {report.Month:yyyy-MM}: {report.Status.ToString().ToLowerInvariant()} report, {report.Figures.Figures.Count} figures, SHA-256 {report.ContentHash}");
            foreach (var sentence in report.Figures.Headlines)
            {
                await context.Output.WriteLineAsync("  " + sentence);
            }
            return 0;
        });
        return command;
    }
}
