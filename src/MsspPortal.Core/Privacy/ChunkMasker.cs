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
        var shortest = policy.Cards is not null ? 13 : policy.ResidentIds is not null ? 17 : int.MaxValue;
        var run = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (++run >= shortest)
                {
                    return true;
                }
            }
            else if (b == (byte)'+' && policy.Phones is not null && i + 1 < line.Length && line[i + 1] is >= (byte)'0' and <= (byte)'9')
            {
                return true;
            }
            else if (!(run > 0 && b is (byte)' ' or (byte)'-' && i + 1 < line.Length && line[i + 1] is >= (byte)'0' and <= (byte)'9'))
            {
                run = 0;
            }
        }
        return false;
    }
}
