using System.Text;

namespace MsspPortal.Core.Privacy;

// Masks a stored chunk: UTF-8 lines separated by '\n', as ingestion cuts them. A byte-level look decides first whether
// a line can hold anything to mask (an '@', a '+' before a digit, a digit run long enough for a card or an id), so
// most lines are neither decoded nor copied. A line that is not valid UTF-8 is read byte for byte (Latin-1): every
// value masked is ASCII, so its other bytes come back exactly as received.
public sealed class ChunkMasker(LineMasker masker)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public MaskingPolicy Policy => masker.Policy;

    // The chunk itself when nothing was masked, else a new array.
    public byte[] Mask(byte[] chunk, MaskTally? tally = null)
    {
        if (masker.Policy.IsOff)
        {
            return chunk;
        }
        MemoryStream? output = null;
        var copied = 0;
        var start = 0;
        while (start <= chunk.Length)
        {
            var newline = Array.IndexOf(chunk, (byte)'\n', start);
            var end = newline < 0 ? chunk.Length : newline;
            var line = chunk.AsSpan(start, end - start);
            if (!line.IsEmpty && MayNeedMasking(line))
            {
                var masked = MaskLine(line, tally);
                if (masked is not null)
                {
                    output ??= new MemoryStream(chunk.Length + 64);
                    output.Write(chunk, copied, start - copied);
                    output.Write(masked);
                    copied = end;
                }
            }
            if (newline < 0)
            {
                break;
            }
            start = newline + 1;
        }
        if (output is null)
        {
            return chunk;
        }
        output.Write(chunk, copied, chunk.Length - copied);
        return output.ToArray();
    }

    // One line's bytes masked, or null when nothing changed.
    public byte[]? MaskLine(ReadOnlySpan<byte> line, MaskTally? tally = null)
    {
        string text;
        Encoding encoding;
        try
        {
            text = StrictUtf8.GetString(line);
            encoding = StrictUtf8;
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(line);
            encoding = Encoding.Latin1;
        }
        var masked = masker.Mask(text, tally);
        return ReferenceEquals(masked, text) ? null : encoding.GetBytes(masked);
    }

    // One pass with one compare per byte in the common case (a byte that is not a digit while no run is open): this
    // runs on every line received, so it must cost far less than parsing the line.
    public bool MayNeedMasking(ReadOnlySpan<byte> line)
    {
        var policy = masker.Policy;
        if (policy.Patterns.Count > 0 || (policy.Phones is not null && policy.PhoneRegions.Count > 0))
        {
            return true;
        }
        if (policy.Emails is not null && line.Contains((byte)'@'))
        {
            return true;
        }
        if (policy.Phones is not null && HasPlusBeforeDigit(line))
        {
            return true;
        }
        var shortest = policy.Cards is not null ? 13 : policy.ResidentIds is not null ? 17 : 0;
        // Most lines have no digit run that long: a vector look at 64 bytes a step says so in a few instructions per
        // block; only a line it cannot clear is walked byte by byte.
        return shortest != 0 && DigitRuns.MayHaveRun(line, shortest) && HasDigitRun(line, shortest);
    }

    // The exact test: a run of at least `shortest` digits, where a single space or hyphen between two digits keeps the
    // run going (grouped card numbers) without counting.
    internal static bool HasDigitRun(ReadOnlySpan<byte> line, int shortest)
    {
        var run = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var digit = (uint)(line[i] - '0') <= 9;
            if (!digit && run != 0 && line[i] is (byte)' ' or (byte)'-' && i + 1 < line.Length && (uint)(line[i + 1] - '0') <= 9)
            {
                continue;
            }
            run = digit ? run + 1 : 0;
            if (run >= shortest)
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasPlusBeforeDigit(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf((byte)'+');
        while (at >= 0)
        {
            if (at + 1 < line.Length && (uint)(line[at + 1] - '0') <= 9)
            {
                return true;
            }
            var next = line[(at + 1)..].IndexOf((byte)'+');
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }
}
