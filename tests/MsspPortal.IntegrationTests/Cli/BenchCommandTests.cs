using MsspPortal.Cli;

namespace MsspPortal.IntegrationTests.Cli;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData]
    [InlineData("--no-detection")]
    public async Task Bench_ingest_runs_every_event_through_the_pipeline_and_ends_with_the_rate_line(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await MsspCli.RunAsync(["bench", "ingest", "--events", "3000", "--batch-lines", "1000", .. extra], output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("lines 3,000, events 3,000, quarantined 0", StringComparison.Ordinal));
        Assert.Matches(@"^ingest: \d+ events/s$", lines[^1]);
    }
}
