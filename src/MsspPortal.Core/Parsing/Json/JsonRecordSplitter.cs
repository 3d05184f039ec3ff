using System.Text.Json;

namespace MsspPortal.Core.Parsing.Json;

/// <summary>
/// Splits a text holding JSON objects (NDJSON, pretty-printed objects one after another, or a CloudTrail
/// {"Records":[...]} envelope) into one JSON text per event. Text that is not JSON comes back as an error item.
/// </summary>
public static class JsonRecordSplitter
{
    /// <summary>The objects in <paramref name="text"/>, envelope records expanded; each item is (Json, Error).</summary>
    public static IEnumerable<(string? Json, string? Error)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pos = 0;
        while (pos < text.Length)
        {
            while (pos < text.Length && (char.IsWhiteSpace(text[pos]) || text[pos] == '\uFEFF'))
            {
                pos++;
            }
            if (pos >= text.Length)
            {
                yield break;
            }
            if (text[pos] != '{')
            {
                var lineEnd = text.IndexOf('\n', pos);
                lineEnd = lineEnd < 0 ? text.Length : lineEnd;
                yield return (null, $"JSON: expected '{{' but found '{Preview(text, pos, lineEnd)}'");
                pos = lineEnd + 1;
                continue;
            }
            var end = FindObjectEnd(text, pos);
            if (end < 0)
            {
                yield return (null, "JSON: the object is not closed before the end of the text");
                yield break;
            }
            var json = text[pos..(end + 1)];
            pos = end + 1;
            foreach (var record in Expand(json))
            {
                yield return (record, null);
            }
        }
    }

    // Index of the '}' closing the object that starts at start, or -1.
    internal static int FindObjectEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                    break;
                default:
                    break;
            }
        }
        return -1;
    }

    private static List<string> Expand(string json)
    {
        // Only an envelope needs a parse here; anything else is handed on as it is and validated by the parser.
        if (!json.Contains("\"Records\"", StringComparison.Ordinal))
        {
            return [json];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
            {
                var list = new List<string>(records.GetArrayLength());
                foreach (var record in records.EnumerateArray())
                {
                    list.Add(record.GetRawText());
                }
                return list;
            }
        }
        catch (JsonException)
        {
            // Not valid JSON: return it whole so the parser reports where it breaks.
            return [json];
        }
        return [json];
    }

    private static string Preview(string text, int start, int end)
    {
        var length = Math.Min(end - start, 40);
        return text.Substring(start, length).TrimEnd('\r');
    }
}
