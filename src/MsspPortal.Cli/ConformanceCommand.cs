using System.CommandLine;
using MsspPortal.Core.Conformance;

namespace MsspPortal.Cli;

// mssp conformance DIR : the parsers, the Sigma importer and the ATT&amp;CK import against a folder of real data
// laid out like the shared corpus (or a user's own logs), then each top-level folder's logs ingested with masking
// on into a temporary database that is scanned for unmasked values (MaskingConformance). One line per check, then
// "N passed, N failed"; exit 1 when any check failed. Needs no database of the portal's.
internal static class ConformanceCommand
{
    private const int MaxDetails = 10;

    public static Command Create(CliContext context)
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "Folder of logs (and SOURCES.md, case files, Sigma rules, ATT&CK CSVs), searched recursively" };
        var command = new Command("conformance", "Check every log, expected output, Sigma rule and ATT&CK CSV in a folder; exit 1 if any check fails") { folder };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var dir = parsed.GetValue(folder)!;
            if (!dir.Exists)
            {
                await context.Error.WriteLineAsync($"No such folder: {dir.FullName}");
                return 1;
            }
            int passed = 0, failed = 0;
            await foreach (var check in ConformanceRunner.RunAsync(dir.FullName, cancellationToken).Concat(MaskingConformance.RunAsync(dir.FullName, parsed, context, cancellationToken)))
            {
                _ = check.Passed ? passed++ : failed++;
                await context.Output.WriteLineAsync($"{(check.Passed ? "PASS" : "FAIL")}  {check.Kind,-8} {check.Subject}: {check.Summary}");
                foreach (var detail in (check.Passed ? check.Notes : check.Failures).Take(MaxDetails))
                {
                    await context.Output.WriteLineAsync("        " + detail);
                }
                var more = (check.Passed ? check.Notes : check.Failures).Count - MaxDetails;
                if (more > 0)
                {
                    await context.Output.WriteLineAsync($"        … and {more} more");
                }
            }
            await context.Output.WriteLineAsync($"{passed} passed, {failed} failed");
            return failed > 0 || passed == 0 ? 1 : 0;
        });
        return command;
    }
}
