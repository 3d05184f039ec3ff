using System.CommandLine;

namespace MsspPortal.Cli;

// The `mssp` tool: the portal's own handlers against the same database and settings, without a web server. Exit
// codes: 0 success, 1 failure, 2 usage error (help is printed).
public static class MsspCli
{
    public const int UsageError = 2;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, TextReader.Null, output, error, cancellationToken);

    // As above, with input as standard input (`mssp logtest` with no file or "-").
    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, input, output, null, error, cancellationToken);

    // rawOutput: standard output as bytes, so NDJSON needs no trip through a TextWriter; rawInput: standard input
    // as bytes, the stream under input (logtest reads it in blocks).
    internal static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, Stream? rawOutput, TextWriter error,
        CancellationToken cancellationToken, Stream? rawInput = null)
    {
        var data = new Option<string?>("--data") { Description = "Data folder (database, jobs, logs); overrides Portal:DataDirectory", Recursive = true };
        var root = new RootCommand("mssp — MsspPortal from the command line");
        root.Options.Add(data);
        var context = new CliContext(data, output, error) { Input = input, RawInput = rawInput, RawOutput = rawOutput };
        root.Subcommands.Add(SeedCommand.Create(context));
        root.Subcommands.Add(TenantsCommand.Create(context));
        root.Subcommands.Add(TenantCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(AttackCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(LogTestCommand.Create(context));
        root.Subcommands.Add(ConformanceCommand.Create(context));

        if (LogTestArguments(args) is { } logTestArgs)
        {
            return await LogTestCommand.RunAsync(logTestArgs, context, cancellationToken);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command == root && args.Length == 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }
            await root.Parse([.. CommandPath(parsed.CommandResult), "--help"])
                .InvokeAsync(new InvocationConfiguration { Output = error }, cancellationToken);
            return UsageError;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    public static async Task<int> UsageAsync(Command command, CliContext context, string message, CancellationToken cancellationToken)
    {
        await context.Error.WriteLineAsync(message);
        await command.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = context.Error }, cancellationToken);
        return UsageError;
    }

    // The arguments after "logtest" when that is the command, else null (CommandArguments).
    internal static string[]? LogTestArguments(string[] args) => Core.LogTest.LogTestProgram.CommandArguments(args);

    // Help for the command the user was typing, not for the whole tool.
    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }
        return names;
    }
}

// What every command needs: the shared --data option, where to read and where to write.
public sealed record CliContext(Option<string?> Data, TextWriter Output, TextWriter Error)
{
    public TextReader Input { get; init; } = TextReader.Null;

    // Standard input as a byte stream (the one Input reads) when the process has one; null under tests.
    public Stream? RawInput { get; init; }

    // Standard output as a byte stream when the process has one; null under tests (use Output).
    public Stream? RawOutput { get; init; }
}
