using System.Diagnostics;
using MsspPortal.Core.LogTest;

namespace MsspPortal.Cli;

// The managed `mssp logtest` hands itself to the native front (src/MsspPortal.LogTest, built as `mssp-native`) when
// that binary sits beside it under that name. The published layout does not need this: there the native front is
// `mssp` itself and runs logtest without starting .NET (scripts/publish-cli.sh,
// docs/decisions/0005-native-aot-logtest.md); this covers a native front published beside a managed build. Both run
// LogTestProgram, so arguments, output and exit codes are the same; ManagedVariable=1 keeps the run in this
// process.
internal static class NativeLogTest
{
    public const string ManagedVariable = LogTestProgram.ManagedVariable;

    public static readonly string FileName = OperatingSystem.IsWindows() ? "mssp-native.exe" : "mssp-native";

    // The native binary to forward to, or null to run in this process.
    public static string? Find(string directory)
    {
        if (LogTestProgram.ManagedRequested())
        {
            return null;
        }
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? path : null;
    }

    // Runs the native front with this process's whole command line args (it recognises logtest by the same rule) on
    // this process's own standard streams (inherited, not piped: the bytes never pass through here) and returns its
    // exit code.
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
