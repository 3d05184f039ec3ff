using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing.Json;

namespace MsspPortal.Core.Parsing;

/// <summary>
/// Parses a whole text (an upload, a CLI file): one event per line, except JSON objects, which may span lines
/// (pretty-printed Suricata) or hold many events (a CloudTrail Records envelope).
/// </summary>
public static class LogTextParser
{
    public static IEnumerable<ParseOutcome> ParseText(string text, LogFormat format, ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var pos = 0;
        while (pos < text.Length)
        {
            var lineEnd = text.IndexOf('\n', pos);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }
            var line = text.AsSpan(pos, lineEnd - pos);
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                pos = lineEnd + 1;
                continue;
            }
            if (trimmed[0] == '{' && format is LogFormat.Auto or LogFormat.Json)
            {
                var start = pos + line.IndexOf('{');
                var end = JsonRecordSplitter.FindObjectEnd(text, start);
                if (end < 0)
                {
                    // Quarantine this line only: the lines after an unclosed object are still lines, and none is lost.
                    yield return ParseOutcome.Fail("JSON: the object is not closed before the end of the text", LogFormat.Json, false);
                    pos = lineEnd + 1;
                    continue;
                }
                foreach (var (json, error) in JsonRecordSplitter.Split(text[start..(end + 1)]))
                {
                    yield return json is null
                        ? ParseOutcome.Fail(error ?? "JSON: unreadable", LogFormat.Json, false)
                        : LogLineParser.Parse(json, LogFormat.Json, options with { MaxLineLength = int.MaxValue });
                }
                var after = text.IndexOf('\n', end);
                pos = after < 0 ? text.Length : after + 1;
                continue;
            }
            yield return LogLineParser.Parse(line.ToString(), format, options);
            pos = lineEnd + 1;
        }
    }
}
