using System.Text;

namespace MsspPortal.Cli;

internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        // First, before anything else is loaded: `mssp logtest` runs as the native mssp-logtest when it is beside us.
        if (MsspCli.LogTestArguments(args) is { } logTestArgs && NativeLogTest.Find(AppContext.BaseDirectory) is { } native)
        {
            return NativeLogTest.Run(native, logTestArgs);
        }
        // Raw stdout/stdin with large buffers: `mssp logtest` streams hundreds of MB of NDJSON through them.
        await using var stdout = Console.OpenStandardOutput();
        await using var rawStdin = Console.OpenStandardInput();
        using var stdin = new StreamReader(rawStdin, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return await MsspCli.RunAsync(args, stdin, Console.Out, stdout, Console.Error, CancellationToken.None, rawStdin);
    }
}
