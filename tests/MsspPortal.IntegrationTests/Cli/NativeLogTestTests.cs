using MsspPortal.Cli;

namespace MsspPortal.IntegrationTests.Cli;

/// <summary>
/// The managed `mssp logtest` hands itself to the native front when it is beside it as mssp-native. CI does not
/// compile the native binary (that needs clang), so these run a real stand-in executable in its place: a shell script
/// that records what it was given and exits with a code of its own. (The published `mssp`, where the front is `mssp`
/// itself, is tested by MsspFrontTests.)
/// </summary>
public sealed class NativeLogTestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mssp-native-logtest-").FullName;

    [Theory]
    [InlineData(new[] { "logtest", "a.log" }, new[] { "a.log" })]
    [InlineData(new[] { "logtest" }, new string[0])]
    [InlineData(new[] { "--data", "/tmp/x", "logtest", "--format", "cef", "-" }, new[] { "--format", "cef", "-" })]
    [InlineData(new[] { "--data=/tmp/x", "logtest", "--help" }, new[] { "--help" })]
    public void Logtest_and_what_follows_it_are_recognised_before_any_other_parsing(string[] args, string[] expected) =>
        Assert.Equal(expected, MsspCli.LogTestArguments(args));

    [Theory]
    [InlineData("tenants", "list")]
    [InlineData("ingest", "logtest")]
    [InlineData("--data")]
    public void Other_commands_are_not_logtest(params string[] args) => Assert.Null(MsspCli.LogTestArguments(args));

    [Fact]
    public void Without_the_binary_beside_mssp_the_run_stays_in_process() =>
        Assert.Null(NativeLogTest.Find(_directory));

    [Fact]
    public void The_binary_gets_the_whole_command_line_verbatim_and_its_exit_code_is_returned()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in is a shell script
        }
        var record = Path.Combine(_directory, "args.txt");
        var stub = Path.Combine(_directory, NativeLogTest.FileName);
        File.WriteAllText(stub, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{record}'\nexit 2\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var found = NativeLogTest.Find(_directory);
        var exit = NativeLogTest.Run(found!, ["--data", "/tmp/x", "logtest", "--format", "cef", "a file with spaces.log", "--tz=Europe/Paris"]);

        Assert.Equal(stub, found);
        Assert.Equal(2, exit);
        Assert.Equal(["--data", "/tmp/x", "logtest", "--format", "cef", "a file with spaces.log", "--tz=Europe/Paris"], File.ReadAllLines(record));
    }

    [Fact]
    public void MSSP_LOGTEST_MANAGED_keeps_the_run_in_process_even_with_the_binary_there()
    {
        // Process-wide, but only this class looks at it (Find runs in Main, which no other test calls), and the
        // tests of one class never run in parallel.
        File.WriteAllText(Path.Combine(_directory, NativeLogTest.FileName), "");
        Environment.SetEnvironmentVariable(NativeLogTest.ManagedVariable, "1");
        try
        {
            Assert.Null(NativeLogTest.Find(_directory));
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeLogTest.ManagedVariable, null);
        }
        Assert.NotNull(NativeLogTest.Find(_directory));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
