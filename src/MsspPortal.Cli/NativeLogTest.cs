using System.Diagnostics;

namespace MsspPortal.Cli;

/// <summary>
/// `mssp logtest` hands itself to the native `mssp-logtest` (the same command compiled ahead of time, from
/// src/MsspPortal.LogTest) when that binary sits beside `mssp`, as in the published layout: it starts in
/// milliseconds instead of paying for the JIT, and streams several times faster on a short run
/// (docs/decisions/0005-native-aot-logtest.md). Both run <see cref="Core.LogTest.LogTestProgram"/>, so arguments,
/// output and exit codes are the same; <see cref="ManagedVariable"/>=1 keeps the run in this process.
/// </summary>
internal static class NativeLogTest
{
    public const string ManagedVariable = "MSSP_LOGTEST_MANAGED";

    public static readonly string FileName = OperatingSystem.IsWindows() ? "mssp-logtest.exe" : "mssp-logtest";

    /// <summary>The native binary to forward to, or null to run in this process.</summary>
    public static string? Find(string directory)
    {
        if (Environment.GetEnvironmentVariable(ManagedVariable) is "1" or "true")
        {
            return null;
        }
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Runs the native binary with <paramref name="args"/> on this process's own standard streams (inherited, not
    /// piped: the bytes never pass through here) and returns its exit code.
    /// </summary>
    public static int Run(string path, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        process.WaitForExit();
        return process.ExitCode;
    }
}
