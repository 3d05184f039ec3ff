using System.CommandLine;
using System.Text;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Core.LogTest;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Cli;

/// <summary>
/// `mssp logtest [FILE|-]`: parse lines and show the normalised event and the built-in rules that fire, as NDJSON.
/// Exit 0 when every line parsed, 2 when some were quarantined. Needs no database: it never builds the host.
/// </summary>
internal static class LogTestCommand
{
    private static readonly string[] Formats = ["auto", "rfc3164", "rfc5424", "cef", "leef", "json"];

    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("file") { Description = "File to read; standard input when omitted or '-'", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string>("--format") { Description = "Parser to use: " + string.Join('|', Formats), DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong(Formats);
        var tz = new Option<string?>("--tz") { Description = "IANA time zone of time stamps that carry none (default UTC)" };
        var command = new Command("logtest", "Parse log lines and show events and firing rules as NDJSON") { file, format, tz };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var zone = TimeZoneInfo.Utc;
            if (parsed.GetValue(tz) is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
            {
                return await MsspCli.UsageAsync(command, context, $"Unknown time zone '{zoneId}': give an IANA id such as Europe/Paris.", cancellationToken);
            }
            var logFormat = Enum.Parse<LogFormat>(parsed.GetValue(format) ?? "auto", ignoreCase: true);
            var options = new ParseOptions(zone!, TimeProvider.System.GetUtcNow());
            var path = parsed.GetValue(file);
            TextReader input;
            try
            {
                input = path is null or "-" ? context.Input : OpenFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"Cannot read {path}: {ex.Message}");
                return 1;
            }
            var output = context.RawOutput ?? new TextWriterStream(context.Output);
            try
            {
                var engine = new DetectionEngine(BuiltInRules.All);
                using var writer = new LogTestWriter(logFormat, options, engine, LogTestWriter.SyntheticTenantId);
                var summary = await writer.RunAsync(input, output, context.Error, cancellationToken);
                return summary.Quarantined == 0 ? 0 : MsspCli.UsageError;
            }
            finally
            {
                if (!ReferenceEquals(input, context.Input))
                {
                    input.Dispose();
                }
            }
        });
        return command;
    }

    private static StreamReader OpenFile(string path) => new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
        new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });

    /// <summary>
    /// Bytes to a TextWriter, for callers (tests) that give no raw stream. The writer flushes whole lines only, so
    /// no UTF-8 sequence is ever split between two writes.
    /// </summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => writer.Write(Encoding.UTF8.GetString(buffer, offset, count));

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await writer.WriteAsync(Encoding.UTF8.GetString(buffer.Span).AsMemory(), cancellationToken);

        public override void Flush() => writer.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => writer.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
