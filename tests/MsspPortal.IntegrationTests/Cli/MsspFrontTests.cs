using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using MsspPortal.Core.LogTest;
using MsspPortal.LogTest;

namespace MsspPortal.IntegrationTests.Cli;

/// <summary>
/// The published `mssp`: the native front that runs logtest itself and hands every other command line to the
/// managed CLI beside it (mssp-cli). CI does not compile native code, so the front runs here as what it is before
/// ahead-of-time compilation, `dotnet mssp-native.dll`, from a folder laid out like the published one (same code,
/// same exec); the managed CLI beside it is either a stand-in script that records what reached it, or the real one.
/// </summary>
public sealed class MsspFrontTests : IDisposable
{
    private const string Sshd = "<38>Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 216.160.83.57 port 29160 ssh2";

    private readonly string _directory = Directory.CreateTempSubdirectory("mssp-front-").FullName;

    [Theory]
    [InlineData(new[] { "logtest", "a.log" }, new[] { "a.log" })]
    [InlineData(new[] { "--data=/tmp/x", "logtest", "--format", "cef", "-" }, new[] { "--format", "cef", "-" })]
    [InlineData(new[] { "logtest" }, new string[0])]
    public void Logtest_is_run_by_the_front_with_what_follows_it(string[] args, string[] expected)
    {
        var route = MsspFront.Decide(args, managedRequested: false);

        Assert.True(route.IsLogTest);
        Assert.Equal(expected, route.LogTestArguments);
    }

    [Theory]
    [InlineData("tenants")]
    [InlineData("ingest", "logtest")]
    [InlineData("--help")]
    [InlineData]
    public void Every_other_command_line_goes_to_the_managed_cli(params string[] args) =>
        Assert.False(MsspFront.Decide(args, managedRequested: false).IsLogTest);

    [Fact]
    public void MSSP_LOGTEST_MANAGED_sends_logtest_to_the_managed_cli_too() =>
        Assert.False(MsspFront.Decide(["logtest", "a.log"], managedRequested: true).IsLogTest);

    [Fact]
    public void Without_the_managed_cli_beside_it_the_front_says_so_and_fails()
    {
        using var error = new StringWriter();

        var exit = MsspFront.HandOver(Path.Combine(_directory, MsspFront.ManagedCliFileName), ["tenants"], error, exec: false);

        Assert.Equal(MsspFront.Failure, exit);
        Assert.Contains("mssp-cli", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_command_reaches_the_managed_cli_verbatim_with_the_streams_and_its_exit_code()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in is a shell script
        }
        var record = Path.Combine(_directory, "args.txt");
        // Records its arguments one per line, echoes its stdin to stdout, says which process it is, exits 7.
        WriteScript(MsspFront.ManagedCliFileName, $"printf '%s\\n' \"$@\" > '{record}'\ncat\necho \"pid $$\" >&2\nexit 7");
        string[] args = ["--data", "/tmp/a dir", "tenants", "add", "Acme Corp", "", "--name=ü \"q\"", "logtest"];

        var (exit, output, error, pid) = await RunFrontAsync(args, stdin: "from stdin\n");

        Assert.Equal(7, exit);
        Assert.Equal(args, File.ReadAllLines(record));
        Assert.Equal("from stdin\n", output);
        // exec(2): the managed CLI ran as the front's own process, nothing left waiting in between.
        Assert.Equal($"pid {pid}", error.Trim());
    }

    [Fact]
    public async Task Logtest_runs_in_the_front_exit_0_when_every_line_parses_and_2_when_some_are_quarantined()
    {
        WriteScript(MsspFront.ManagedCliFileName, "exit 99"); // must not be reached
        var good = Path.Combine(_directory, "good.log");
        var bad = Path.Combine(_directory, "bad.log");
        await File.WriteAllLinesAsync(good, [Sshd, Sshd]);
        await File.WriteAllLinesAsync(bad, [Sshd, "CEF:0|broken"]);

        var (goodExit, goodOutput, goodError, _) = await RunFrontAsync(["logtest", good]);
        var (badExit, badOutput, badError, _) = await RunFrontAsync(["--data", "ignored", "logtest", bad, "--format", "auto"]);
        var (usageExit, _, usageError, _) = await RunFrontAsync(["logtest", "--format", "nope"]);

        Assert.Equal((LogTestProgram.Success, ""), (goodExit, goodError));
        Assert.Equal(["rfc3164", "rfc3164"], Ndjson(goodOutput).Select(l => l.GetProperty("format").GetString()));
        Assert.Equal(LogTestProgram.UsageError, badExit);
        Assert.Equal(2, Ndjson(badOutput).Count);
        Assert.StartsWith("line 2: CEF:", badError, StringComparison.Ordinal);
        Assert.Equal(LogTestProgram.UsageError, usageExit);
        Assert.Contains("Usage:", usageError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_MSSP_LOGTEST_MANAGED_logtest_goes_to_the_managed_cli()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var record = Path.Combine(_directory, "args.txt");
        WriteScript(MsspFront.ManagedCliFileName, $"printf '%s\\n' \"$@\" > '{record}'\nexit 3");

        var (exit, _, _, _) = await RunFrontAsync(["logtest", "a.log"], environment: new() { [LogTestProgram.ManagedVariable] = "1" });

        Assert.Equal(3, exit);
        Assert.Equal(["logtest", "a.log"], File.ReadAllLines(record));
    }

    [Fact]
    public async Task The_real_managed_cli_answers_through_the_front()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // a symbolic link to the apphost stands for the renamed copy
        }
        // The managed CLI's apphost (built beside this test as `mssp`), under its published name. The apphost finds
        // mssp.dll next to its real path, as it does in the published layout.
        File.CreateSymbolicLink(Path.Combine(_directory, MsspFront.ManagedCliFileName), Path.Combine(AppContext.BaseDirectory, "mssp"));

        var (helpExit, help, _, _) = await RunFrontAsync(["--help"]);
        var (usageExit, _, usage, _) = await RunFrontAsync(["no-such-command"]);

        Assert.Equal(0, helpExit);
        Assert.Contains("tenants", help, StringComparison.Ordinal);
        Assert.Contains("logtest", help, StringComparison.Ordinal);
        Assert.Equal(2, usageExit);
        Assert.Contains("no-such-command", usage, StringComparison.Ordinal);
    }

    /// <summary>
    /// `dotnet DIR/mssp-native.dll ARGS` with the front's assemblies copied to the test's folder, which stands for
    /// the published layout. Returns the exit code, stdout, stderr and the process id.
    /// </summary>
    private async Task<(int Exit, string Output, string Error, int Pid)> RunFrontAsync(string[] args, string stdin = "",
        Dictionary<string, string>? environment = null)
    {
        CopyFront();
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(_directory, "mssp-native.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove(LogTestProgram.ManagedVariable);
        // The real CLI's apphost looks for the runtime there first; the one running these tests is the one to use.
        start.Environment.TryAdd("DOTNET_ROOT", Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")));
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error, process.Id);
    }

    /// <summary>The front's build output (its assembly, runtime config and the assemblies its deps.json names).</summary>
    private void CopyFront()
    {
        var source = AppContext.BaseDirectory;
        var deps = File.ReadAllText(Path.Combine(source, "mssp-native.deps.json"));
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("mssp-native.", StringComparison.Ordinal)
                || name.EndsWith(".dll", StringComparison.Ordinal) && deps.Contains(name, StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(_directory, name), overwrite: true);
            }
        }
    }

    private void WriteScript(string name, string body)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static List<JsonElement> Ndjson(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
