namespace MsspPortal.Cli;

internal static class CliProgram
{
    public static Task<int> Main(string[] args) => MsspCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}
