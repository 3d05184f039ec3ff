using System.Text;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.LogTest;

/// <summary>
/// The `logtest` command line, shared by the managed `mssp logtest` and the native (ahead-of-time compiled) front
/// `mssp` of the published layout (src/MsspPortal.LogTest): one argument parser, one run, one set of exit codes,
/// so the two cannot drift apart.
/// Exit 0 when every line parsed, 1 when the input cannot be read, 2 when some lines were quarantined or the
/// arguments are wrong (help is printed to standard error).
/// </summary>
/// <remarks>
/// Hand-parsed rather than System.CommandLine so that Core stays free of a CLI package and the native binary stays
/// small: three options do not need a framework.
/// </remarks>
public static class LogTestProgram
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Description = "Parse log lines and show events and firing rules as NDJSON";

    /// <summary>The command's name on the `mssp` command line.</summary>
    public const string CommandName = "logtest";

    /// <summary>
    /// Set to 1 (or true), `mssp logtest` runs in the managed CLI instead of natively (docs/decisions/0005).
    /// </summary>
    public const string ManagedVariable = "MSSP_LOGTEST_MANAGED";

    private static readonly string[] Formats = ["auto", "rfc3164", "rfc5424", "cef", "leef", "json"];

    /// <summary>
    /// The arguments after "logtest" when that is the command of an `mssp` command line (after an optional --data,
    /// which logtest ignores), else null. The one rule by which both the native front and the managed CLI recognise
    /// logtest before anything else parses the command line.
    /// </summary>
    public static string[]? CommandArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var i = 0;
        while (i < args.Count && (args[i] == "--data" || args[i].StartsWith("--data=", StringComparison.Ordinal)))
        {
            i += args[i] == "--data" ? 2 : 1;
        }
        return i < args.Count && args[i] == CommandName ? [.. args.Skip(i + 1)] : null;
    }

    /// <summary>Whether <see cref="ManagedVariable"/> asks for the managed path.</summary>
    public static bool ManagedRequested() => Environment.GetEnvironmentVariable(ManagedVariable) is "1" or "true";

    /// <summary>Runs `logtest` with the arguments that follow the command name.</summary>
    /// <param name="args">The arguments after "logtest": [FILE|-] [--format F] [--tz ZONE] [--help].</param>
    /// <param name="standardInput">Read (as UTF-8 bytes) when no file or "-" is given.</param>
    /// <param name="standardOutput">Receives the NDJSON as UTF-8 bytes.</param>
    /// <param name="standardError">Quarantined lines ("line N: reason"), errors and help.</param>
    /// <param name="commandName">How the usage line names the command ("mssp logtest").</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<int> RunAsync(IReadOnlyList<string> args, Stream standardInput, Stream standardOutput,
        TextWriter standardError, string commandName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        return RunAsync(args, (writer, output, error) => writer.RunAsync(standardInput, output, error, cancellationToken),
            standardOutput, standardError, commandName, cancellationToken);
    }

    /// <summary>As above, with standard input already decoded (tests, callers that have only a TextReader).</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextReader standardInput, Stream standardOutput,
        TextWriter standardError, string commandName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        return RunAsync(args, (writer, output, error) => writer.RunAsync(standardInput, output, error, cancellationToken),
            standardOutput, standardError, commandName, cancellationToken);
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> args, Func<LogTestWriter, Stream, TextWriter, Task<LogTestSummary>> runStandardInput,
        Stream standardOutput, TextWriter standardError, string commandName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(standardOutput);
        ArgumentNullException.ThrowIfNull(standardError);
        var parsed = Parse(args);
        if (parsed.Error is not null)
        {
            return await UsageAsync(standardError, parsed.Error, commandName, cancellationToken).ConfigureAwait(false);
        }
        if (parsed.Help)
        {
            // Asked for, so it is the output (as System.CommandLine does); on a usage error it goes to stderr.
            await standardOutput.WriteAsync(Encoding.UTF8.GetBytes(Help(commandName)), cancellationToken).ConfigureAwait(false);
            await standardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            return Success;
        }
        var zone = TimeZoneInfo.Utc;
        if (parsed.TimeZone is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
        {
            return await UsageAsync(standardError, $"Unknown time zone '{zoneId}': give an IANA id such as Europe/Paris.", commandName, cancellationToken).ConfigureAwait(false);
        }
        // "Now" only dates syslog stamps without a year; a command-line run has no other clock to follow.
        var options = new ParseOptions(zone!, TimeProvider.System.GetUtcNow());
        FileStream? file = null;
        try
        {
            if (parsed.File is not (null or "-"))
            {
                file = new FileStream(parsed.File, new FileStreamOptions { BufferSize = 0, Options = FileOptions.SequentialScan });
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await standardError.WriteLineAsync($"Cannot read {parsed.File}: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return Failure;
        }
        await using (file)
        {
            var engine = new DetectionEngine(BuiltInRules.All);
            using var writer = new LogTestWriter(parsed.Format, options, engine, LogTestWriter.SyntheticTenantId);
            var summary = file is null
                ? await runStandardInput(writer, standardOutput, standardError).ConfigureAwait(false)
                : await writer.RunAsync(file, standardOutput, standardError, cancellationToken).ConfigureAwait(false);
            await standardError.FlushAsync(cancellationToken).ConfigureAwait(false);
            return summary.Quarantined == 0 ? Success : UsageError;
        }
    }

    /// <summary>The help text, System.CommandLine's layout so `mssp --help` and `mssp logtest --help` look alike.</summary>
    public static string Help(string commandName)
    {
        string[][] options =
        [
            [$"--format <{string.Join('|', Formats)}>", "Parser to use [default: auto]"],
            ["--tz <tz>", "IANA time zone of time stamps that carry none (default UTC)"],
            ["-?, -h, --help", "Show help and usage information"],
        ];
        var width = options.Max(o => o[0].Length) + 2;
        return $"""
            Description:
              {Description}

            Usage:
              {commandName} [<file>] [options]

            Arguments:
              <file>  File to read; standard input when omitted or '-'

            Options:
            {string.Concat(options.Select(o => $"  {o[0].PadRight(width)}{o[1]}\n"))}
            Exit codes: 0 every line parsed, 1 the input cannot be read, 2 some lines quarantined or a usage error.

            """;
    }

    internal static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        var result = new ParsedArguments();
        var onlyFiles = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!onlyFiles && arg is "-h" or "-?" or "--help")
            {
                result.Help = true;
                continue;
            }
            if (!onlyFiles && arg == "--")
            {
                onlyFiles = true;
                continue;
            }
            if (!onlyFiles && arg.StartsWith("--", StringComparison.Ordinal))
            {
                var equals = arg.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? arg : arg[..equals];
                if (name is not ("--format" or "--tz"))
                {
                    result.Error ??= $"Unrecognized command or argument '{arg}'.";
                    continue;
                }
                string? value = equals >= 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : null;
                if (value is null)
                {
                    result.Error ??= $"Required argument missing for option: '{name}'.";
                }
                else if (name == "--tz")
                {
                    result.TimeZone = value;
                }
                else if (Array.IndexOf(Formats, value) < 0)
                {
                    result.Error ??= $"Argument '{value}' not recognized. Must be one of:\n\t'{string.Join("'\n\t'", Formats)}'";
                }
                else
                {
                    result.Format = Enum.Parse<LogFormat>(value, ignoreCase: true);
                }
                continue;
            }
            if (result.File is not null)
            {
                result.Error ??= $"Unrecognized command or argument '{arg}'.";
                continue;
            }
            result.File = arg;
        }
        return result;
    }

    private static async Task<int> UsageAsync(TextWriter error, string message, string commandName, CancellationToken cancellationToken)
    {
        await error.WriteLineAsync(message.AsMemory(), cancellationToken).ConfigureAwait(false);
        await error.WriteAsync(Help(commandName).AsMemory(), cancellationToken).ConfigureAwait(false);
        await error.FlushAsync(cancellationToken).ConfigureAwait(false);
        return UsageError;
    }

    internal sealed class ParsedArguments
    {
        public string? File { get; set; }

        public LogFormat Format { get; set; } = LogFormat.Auto;

        public string? TimeZone { get; set; }

        public bool Help { get; set; }

        public string? Error { get; set; }
    }
}
