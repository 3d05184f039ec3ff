using System.Diagnostics;
using System.Runtime.InteropServices;
using MsspPortal.Core.LogTest;

namespace MsspPortal.LogTest;

// The `mssp` of the published layout, compiled ahead of time (docs/decisions/0005-native-aot-logtest.md): it runs
// `mssp logtest` itself (LogTestProgram, the code the managed CLI runs too) and hands every other command line,
// verbatim, to the managed CLI published beside it as ManagedCliFileName. On Linux and macOS the hand-over is
// execv(2): the managed CLI replaces this process, so the standard streams, the exit code and signals are the CLI's
// own with nothing in between; where exec is unavailable (Windows) or fails, it is started as a child and waited
// for, and its exit code returned.
public static partial class MsspFront
{
    // Exit code when the managed CLI cannot be found or started.
    public const int Failure = 1;

    // The managed CLI's apphost in the published layout (renamed from `mssp` by scripts/publish-cli.sh).
    public static readonly string ManagedCliFileName = OperatingSystem.IsWindows() ? "mssp-cli.exe" : "mssp-cli";

    // What the front does with a command line. LogTestArguments: The arguments after "logtest" when the front runs
    // logtest itself, else null.
    public readonly record struct Route(string[]? LogTestArguments)
    {
        public bool IsLogTest => LogTestArguments is not null;
    }

    // Logtest runs here unless managedRequested (ManagedVariable); everything else, help and errors included, is
    // the managed CLI's.
    public static Route Decide(IReadOnlyList<string> args, bool managedRequested) =>
        new(managedRequested ? null : LogTestProgram.CommandArguments(args));

    // The whole program: args as `mssp` would take them, the process's own streams.
    public static async Task<int> MainAsync(string[] args)
    {
        var route = Decide(args, LogTestProgram.ManagedRequested());
        if (route.LogTestArguments is { } logTestArgs)
        {
            await using var stdin = Console.OpenStandardInput();
            await using var stdout = Console.OpenStandardOutput();
            return await LogTestProgram.RunAsync(logTestArgs, stdin, stdout, Console.Error, "mssp logtest", CancellationToken.None).ConfigureAwait(false);
        }
        return HandOver(Path.Combine(AppContext.BaseDirectory, ManagedCliFileName), args, Console.Error, exec: true);
    }

    // Runs the managed CLI at cliPath with args verbatim. With exec (and not on Windows) this process becomes the
    // CLI and the call returns only if exec failed, after which the CLI is started as a child instead; its exit
    // code is returned.
    public static int HandOver(string cliPath, IReadOnlyList<string> args, TextWriter error, bool exec)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(cliPath))
        {
            error.WriteLine($"mssp: {cliPath} is missing. Only `mssp logtest` runs without the managed command line, which is " +
                "published beside this binary as mssp-cli (scripts/publish-cli.sh DIR).");
            return Failure;
        }
        if (exec && !OperatingSystem.IsWindows())
        {
            // Only returns if exec failed (ENOEXEC, E2BIG, a seccomp filter...): then the ordinary way, which
            // reports its own error if it fails too.
            Exec(cliPath, args);
        }
        return SpawnAndWait(cliPath, args, error);
    }

    private static int SpawnAndWait(string cliPath, IReadOnlyList<string> args, TextWriter error)
    {
        var start = new ProcessStartInfo(cliPath) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Ctrl+C reaches the child too (same console / process group): let it decide, and report its exit code.
        ConsoleCancelEventHandler keepRunning = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += keepRunning;
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                error.WriteLine($"mssp: {cliPath} did not start");
                return Failure;
            }
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            error.WriteLine($"mssp: cannot start {cliPath}: {ex.Message}");
            return Failure;
        }
        finally
        {
            Console.CancelKeyPress -= keepRunning;
        }
    }

    // execv(cliPath, [cliPath, ..args, NULL]); returns only when it fails.
    private static void Exec(string cliPath, IReadOnlyList<string> args)
    {
        // argv[0] is the CLI's own path, as a shell would give it; the environment is inherited by execv.
        var argv = new nint[args.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(cliPath);
            for (var i = 0; i < args.Count; i++)
            {
                argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            }
            _ = Execv(argv[0], argv);
        }
        finally
        {
            foreach (var pointer in argv)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    // libc is linked directly into the native binary (DirectPInvoke in the project); under the JIT (`dotnet
    // mssp-native.dll`, tests) the runtime maps "libc" to the C library's real name.
    [LibraryImport("libc", EntryPoint = "execv", SetLastError = false)]
    private static partial int Execv(nint path, [In] nint[] argv);
}
