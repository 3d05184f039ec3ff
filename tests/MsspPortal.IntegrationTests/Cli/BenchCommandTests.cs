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

    [Fact]
    public async Task Bench_queue_seeds_signs_in_and_times_every_kind_over_http_ending_with_the_p95_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await MsspCli.RunAsync(["bench", "queue", "--alerts", "2000", "--tenants", "3", "--requests", "2"], output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        foreach (var kind in new[] { "queue → next", "status=new", "tenant=<slug>", "assignee=me", "sort=risk", "alert page" })
        {
            Assert.Contains(kind, text, StringComparison.Ordinal);
        }
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^alert p95: \d+ ms$", lines[^2]);
        Assert.Matches(@"^queue p95: \d+ ms$", lines[^1]);
    }
}
