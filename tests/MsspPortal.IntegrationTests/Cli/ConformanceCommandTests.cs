using MsspPortal.Cli;
using MsspPortal.IntegrationTests.Infrastructure;

namespace MsspPortal.IntegrationTests.Cli;

/// <summary>`mssp conformance DIR` over a copy of our own fixture folder, laid out like the shared corpus.</summary>
public sealed class ConformanceCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mssp-conformance-tests", Guid.NewGuid().ToString("N"));

    public ConformanceCommandTests() => Copy(Fixtures.Root, _folder);

    [Fact]
    public async Task A_conforming_folder_prints_one_line_per_check_and_ends_with_the_counts_and_exit_0()
    {
        var (exit, output, error) = await RunAsync("conformance", _folder);

        Assert.True(exit == 0, output + error);
        var lines = output.TrimEnd('\n').Split('\n');
        var checks = lines.Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal)).ToList();
        Assert.Equal($"{checks.Count} passed, 0 failed", lines[^1]);
        Assert.Contains("PASS  expected syslog/cisco-asa/asa.log = syslog/cisco-asa/asa.parsed.ndjson: 6 expected records, 0 differences", checks);
        Assert.Contains("PASS  cases    cef/cases/cef-cases.json: 14 cases, 14 conform", checks);
        Assert.Contains("PASS  parse    cef/cases/cef-inputs.cef: 14 records, 11 events, 3 quarantined (3 expected)", checks);
        Assert.Contains("PASS  parse    syslog/broken/broken.log: 8 records, 0 events, 8 quarantined (8 expected)", checks);
        Assert.Contains("PASS  attack   mitre-attack/techniques.csv: 9 techniques, 14 tactics", checks);
        Assert.Contains("PASS  sigma    sigma/unsupported_base64offset.yml: refused with 2 reason(s)", checks);
        Assert.Contains(lines, l => l.Contains("unsupported modifier(s) |base64offset", StringComparison.Ordinal));
        // Each top-level folder with logs, ingested with masking on into a database of its own, leaves nothing to find.
        Assert.Equal(4, checks.Count(c => c.StartsWith("PASS  masking  ", StringComparison.Ordinal) && c.Contains(": 0 unmasked values in ", StringComparison.Ordinal)));
        // Every log file, expected output pair, case file, rule and technique list is one check, and the four above.
        Assert.Equal(39 + 4, checks.Count);
    }

    [Fact]
    public async Task A_line_that_does_not_parse_and_an_expected_output_that_differs_fail_their_checks_and_exit_1()
    {
        await File.AppendAllTextAsync(Path.Combine(_folder, "syslog", "auth", "auth.log"), "a line in no format at all\n");
        var expected = Path.Combine(_folder, "syslog", "rfc5424", "rfc5424.parsed.ndjson");
        await File.WriteAllTextAsync(expected, (await File.ReadAllTextAsync(expected)).Replace("\"billing\"", "\"invoicing\"", StringComparison.Ordinal));

        var (exit, output, _) = await RunAsync("conformance", _folder);

        Assert.Equal(1, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("41 passed, 2 failed", lines[^1]);
        Assert.Contains("FAIL  parse    syslog/auth/auth.log: 13 records, 12 events, 1 quarantined", lines);
        Assert.Contains(lines, l => l.Contains("a line in no format at all", StringComparison.Ordinal) && l.StartsWith("        RFC 3164: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("FAIL  expected syslog/rfc5424/rfc5424.log", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("syslog.header.appName: expected invoicing, got billing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_folder_is_an_error_and_a_missing_argument_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("conformance", Path.Combine(_folder, "nope"));
        var (usage, _, usageError) = await RunAsync("conformance");

        Assert.Equal(1, exit);
        Assert.Contains("No such folder", error, StringComparison.Ordinal);
        Assert.Equal(MsspCli.UsageError, usage);
        Assert.Contains("Usage:", usageError, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MsspCli.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
