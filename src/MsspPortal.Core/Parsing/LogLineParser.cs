using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing.Json;

namespace MsspPortal.Core.Parsing;

/// <summary>
/// The one entry point for turning a log line into a <see cref="NormalizedEvent"/>. Never throws: a line either
/// becomes an event or comes back with the reason it could not, for quarantine.
/// </summary>
public static class LogLineParser
{
    /// <summary>Parses one line; <see cref="LogFormat.Auto"/> detects the format of this line.</summary>
    public static ParseOutcome Parse(string line, LogFormat format, ParseOptions options) => Parse(line, format, options, null);

    /// <summary>
    /// As <see cref="Parse(string, LogFormat, ParseOptions)"/>, filling <paramref name="recycled"/> (reset first) instead of
    /// a new event when given: for hot loops that are done with the previous event of that instance (its Fields
    /// dictionary keeps its storage, so a line allocates only its strings).
    /// </summary>
    public static ParseOutcome Parse(string line, LogFormat format, ParseOptions options, NormalizedEvent? recycled)
    {
        line ??= string.Empty;
        return Parse(line.AsSpan(), line, format, options, recycled);
    }

    /// <summary>
    /// As <see cref="Parse(string, LogFormat, ParseOptions, NormalizedEvent)"/>, for a line still in a buffer: a CEF line
    /// is parsed from the span itself (no string for the whole line); other formats make one.
    /// </summary>
    public static ParseOutcome Parse(ReadOnlySpan<char> line, LogFormat format, ParseOptions options, NormalizedEvent? recycled) =>
        Parse(line, null, format, options, recycled);

    // line: The line. text: line as a string when the caller has one, so that the parsers that need a string do not
    // copy it.
    private static ParseOutcome Parse(ReadOnlySpan<char> line, string? text, LogFormat format, ParseOptions options, NormalizedEvent? recycled)
    {
        ArgumentNullException.ThrowIfNull(options);
        var truncated = false;
        if (line.Length > options.MaxLineLength)
        {
            line = line[..Math.Max(1, options.MaxLineLength)];
            truncated = true;
        }
        line = line.TrimEnd("\n\r");
        var cefMarker = -1;
        var detected = format == LogFormat.Auto ? Detect(line, out cefMarker) : format;
        if (line.Length == 0)
        {
            return ParseOutcome.Fail("empty line", detected, truncated);
        }
        var ev = recycled?.Reset() ?? new NormalizedEvent();
        string? error;
        try
        {
            if (detected == LogFormat.Cef)
            {
                error = CefParser.Parse(line, cefMarker, options, ev);
            }
            else
            {
                var whole = text is not null && text.Length == line.Length ? text : line.ToString();
                error = detected switch
                {
                    LogFormat.Rfc3164 => Rfc3164Parser.Parse(whole, options, ev),
                    LogFormat.Rfc5424 => Rfc5424Parser.Parse(whole, options, ev),
                    LogFormat.Leef => LeefParser.Parse(whole, options, ev),
                    LogFormat.Json => JsonLogParser.Parse(whole, options, ev),
                    _ => $"unknown format {detected}",
                };
            }
        }
#pragma warning disable CA1031 // The contract is "never throws": a parser bug must quarantine the line, not stop ingestion.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = $"internal parser error ({ex.GetType().Name}); please report this line";
        }
        if (truncated && error is null)
        {
            ev.Fields["event.truncated"] = "true";
        }
        return error is null ? ParseOutcome.Ok(ev, truncated) : ParseOutcome.Fail(error, detected, truncated);
    }

    /// <summary>Decodes raw bytes (invalid UTF-8 → U+FFFD, cut to MaxLineLength) and parses them.</summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> utf8Line, LogFormat format, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var line = LogLineDecoder.Decode(utf8Line, options.MaxLineLength, out var truncated);
        var outcome = Parse(line, format, options);
        return truncated ? outcome with { Truncated = true } : outcome;
    }

    /// <summary>
    /// Which parser a line needs: CEF:/LEEF: after an optional syslog header, '{' for JSON, "&lt;PRI&gt;VERSION " for
    /// RFC 5424, anything else RFC 3164.
    /// </summary>
    public static LogFormat Detect(ReadOnlySpan<char> line) => Detect(line, out _);

    // As Detect(ReadOnlySpan{char}); for CEF also where "CEF:" starts, so the parser need not search again.
    private static LogFormat Detect(ReadOnlySpan<char> line, out int cefMarker)
    {
        cefMarker = -1;
        var trimmed = line.Length;
        line = line.TrimStart(" \t\uFEFF");
        trimmed -= line.Length;
        if (line.IsEmpty)
        {
            return LogFormat.Rfc3164;
        }
        if (line[0] == '{')
        {
            return LogFormat.Json;
        }
        // One vectorised scan for "EF:" finds both markers; the character before tells CEF from LEEF.
        var at = 0;
        while (true)
        {
            var hit = line[at..].IndexOf("EF:");
            if (hit < 0)
            {
                break;
            }
            hit += at;
            if (hit >= 2 && line[hit - 1] == 'E' && line[hit - 2] == 'L')
            {
                return LogFormat.Leef;
            }
            if (hit >= 1 && line[hit - 1] == 'C')
            {
                cefMarker = trimmed + hit - 1; // the first "CEF:": an earlier "LEEF:" would have returned above
                return LogFormat.Cef;
            }
            at = hit + 3;
        }
        var pos = 0;
        SyslogPri.TryRead(line, ref pos, out _);
        var digits = 0;
        while (pos + digits < line.Length && char.IsAsciiDigit(line[pos + digits]) && digits < 4)
        {
            digits++;
        }
        if (digits is >= 1 and <= 3 && line[pos] != '0' && pos + digits < line.Length && line[pos + digits] == ' ')
        {
            // "<PRI>1 " is RFC 5424; without a PRI, a version must be followed by a time or "-" to tell it from text.
            var next = line[(pos + digits + 1)..];
            if (pos > 0 || (next.Length > 4 && (next[0] == '-' || (char.IsAsciiDigit(next[0]) && next[4] == '-'))))
            {
                return LogFormat.Rfc5424;
            }
        }
        return LogFormat.Rfc3164;
    }
}
