using System.Text;

namespace MsspPortal.Cli;

internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Raw stdout/stdin with large buffers: `mssp logtest` streams hundreds of MB of NDJSON through them.
        await using var stdout = Console.OpenStandardOutput();
        using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return await MsspCli.RunAsync(args, stdin, Console.Out, stdout, Console.Error, CancellationToken.None);
    }
}
