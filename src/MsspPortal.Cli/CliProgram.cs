using System.Text;

namespace MsspPortal.Cli;

internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        // First, before anything else is loaded: `mssp logtest` runs natively when the native front is beside us
        // as mssp-native (in the published layout the front is `mssp` itself and this process is not started).
        if (MsspCli.LogTestArguments(args) is not null && NativeLogTest.Find(AppContext.BaseDirectory) is { } native)
        {
            return NativeLogTest.Run(native, args);
        }
        // Raw stdout/stdin with large buffers: `mssp logtest` streams hundreds of MB of NDJSON through them.
        await using var stdout = Console.OpenStandardOutput();
        await using var rawStdin = Console.OpenStandardInput();
        using var stdin = new StreamReader(rawStdin, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return await MsspCli.RunAsync(args, stdin, Console.Out, stdout, Console.Error, CancellationToken.None, rawStdin);
    }
}
