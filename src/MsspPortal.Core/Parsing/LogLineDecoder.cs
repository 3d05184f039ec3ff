using System.Text;

namespace MsspPortal.Core.Parsing;

/// <summary>Turns the raw bytes of one line into text without ever throwing.</summary>
public static class LogLineDecoder
{
    // The default UTF8Encoding replaces invalid sequences with U+FFFD instead of throwing.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// Decodes UTF-8 (invalid bytes become U+FFFD), drops a trailing CR/LF, and cuts the line to
    /// <paramref name="maxLength"/> characters.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, int maxLength, out bool truncated)
    {
        while (bytes.Length > 0 && (bytes[^1] == (byte)'\n' || bytes[^1] == (byte)'\r'))
        {
            bytes = bytes[..^1];
        }
        truncated = false;
        maxLength = Math.Max(1, maxLength);
        if (bytes.Length > maxLength)
        {
            // A UTF-8 character is at least one byte, so maxLength bytes give at most maxLength characters;
            // back off to a character boundary so the cut itself adds no U+FFFD.
            var cut = maxLength;
            var backoff = 0;
            while (cut > 0 && backoff < 3 && (bytes[cut] & 0xC0) == 0x80)
            {
                cut--;
                backoff++;
            }
            bytes = bytes[..cut];
            truncated = true;
        }
        var text = Utf8.GetString(bytes);
        if (text.Length > maxLength)
        {
            text = text[..maxLength];
            truncated = true;
        }
        return text;
    }
}
