using System.CommandLine;
using System.Text;
using MsspPortal.Core.LogTest;

namespace MsspPortal.Cli;

// `mssp logtest [FILE|-]`: parse lines and show the normalised event and the built-in rules that fire, as NDJSON.
// Exit 0 when every line parsed, 2 when some were quarantined. Needs no database: it never builds the host. The
// command line itself is LogTestProgram in Core, shared with the native front that is the published `mssp`
// (src/MsspPortal.LogTest; see also NativeLogTest); this class only runs it in-process.
internal static class LogTestCommand
{
    public const string Name = "logtest";

    // Runs the shared command line in this process; args are those after "logtest".
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken)
    {
        var output = context.RawOutput ?? new TextWriterStream(context.Output);
        return context.RawInput is { } input
            ? LogTestProgram.RunAsync(args, input, output, context.Error, "mssp logtest", cancellationToken)
            : LogTestProgram.RunAsync(args, context.Input, output, context.Error, "mssp logtest", cancellationToken);
    }

    // The entry in `mssp --help`. MsspCli hands "logtest" and everything after it to RunAsync before
    // System.CommandLine parses anything (its options and help are LogTestProgram's), so this action only runs if
    // that is bypassed, and then does the same.
    public static Command Create(CliContext context)
    {
        var args = new Argument<string[]>("args") { Description = "[FILE|-] [--format auto|rfc3164|rfc5424|cef|leef|json] [--tz ZONE]; see mssp logtest --help", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(Name, LogTestProgram.Description) { args };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parsed, cancellationToken) =>
            RunAsync([.. parsed.GetValue(args) ?? [], .. parsed.UnmatchedTokens], context, cancellationToken));
        return command;
    }

    // Bytes to a TextWriter, for callers (tests) that give no raw stream. The writer flushes whole lines only, so
    // no UTF-8 sequence is ever split between two writes.
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
