using System.Text.Json;
using MsspPortal.Cli;

namespace MsspPortal.IntegrationTests.Cli;

/// <summary>`mssp logtest` end to end through the command line, with no database anywhere.</summary>
public sealed class LogTestCommandTests : IDisposable
{
    private const string Sshd = "<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 216.160.83.57 port 29160 ssh2";
    private const string Cef = "<14>Apr  7 10:10:10 fw01 CEF:0|Acme|Firewall|1.0|100|Denied|5|src=10.0.0.1 dst=10.0.0.2 dpt=22 act=deny";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"mssp-logtest-{Guid.NewGuid():N}.log");

    [Fact]
    public async Task A_file_of_good_lines_gives_one_json_object_per_line_and_exit_0()
    {
        await File.WriteAllLinesAsync(_file, [Sshd, Cef]);

        var (exit, output, error) = await RunAsync("", "logtest", _file);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = Ndjson(output);
        Assert.Equal(["rfc3164", "cef"], lines.Select(l => l.GetProperty("format").GetString()));
        Assert.Equal("216.160.83.57", lines[0].GetProperty("event").GetProperty("source.ip").GetString());
        Assert.Equal(22, lines[1].GetProperty("event").GetProperty("destination.port").GetInt32());
    }

    [Fact]
    public async Task Quarantined_lines_are_reported_on_stderr_by_number_and_exit_2()
    {
        await File.WriteAllLinesAsync(_file, [Sshd, "CEF:0|broken", Cef, "<999>1 nonsense"]);

        var (exit, output, error) = await RunAsync("", "logtest", _file);

        Assert.Equal(2, exit);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("line 2: CEF:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4: ", errors[1], StringComparison.Ordinal);
        Assert.Equal(4, Ndjson(output).Count);
    }

    [Theory]
    [InlineData("logtest")]
    [InlineData("logtest", "-")]
    public async Task Without_a_file_or_with_dash_it_reads_standard_input(params string[] args)
    {
        var (exit, output, _) = await RunAsync($"{Sshd}\n{Sshd}\n", args);

        Assert.Equal(0, exit);
        Assert.Equal([1L, 2L], Ndjson(output).Select(l => l.GetProperty("line").GetInt64()));
    }

    [Fact]
    public async Task Format_forces_the_parser()
    {
        var (exit, output, error) = await RunAsync(Cef, "logtest", "--format", "rfc3164");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal("rfc3164", Ndjson(output)[0].GetProperty("format").GetString());
    }

    [Fact]
    public async Task Tz_applies_to_stamps_without_a_zone()
    {
        var (_, output, _) = await RunAsync("<38>2024-01-15T10:00:00 host app: hello", "logtest", "--tz", "Europe/Paris");

        Assert.Equal("2024-01-15T09:00:00+00:00", Ndjson(output)[0].GetProperty("event").GetProperty("@timestamp").GetString());
    }

    [Theory]
    [InlineData("logtest", "--format", "xml")]
    [InlineData("logtest", "--tz", "Mars/Olympus_Mons")]
    public async Task Invalid_options_are_usage_errors_with_help(params string[] args)
    {
        var (exit, output, error) = await RunAsync(Sshd, args);

        Assert.Equal(MsspCli.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_fails_with_exit_1()
    {
        var (exit, _, error) = await RunAsync("", "logtest", _file);

        Assert.Equal(1, exit);
        Assert.Contains(_file, error, StringComparison.Ordinal);
    }

    private static List<JsonElement> Ndjson(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l))];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MsspCli.RunAsync(args, reader, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => File.Delete(_file);
}
