namespace MsspPortal.Core.Parsing;

public enum SyslogFraming
{
    // Decided per frame: a digit starts an octet count, anything else a newline-terminated frame.
    Auto = 0,
    OctetCounting,
    NonTransparent,
}

/// <summary>One syslog message cut from a TCP stream, or the reason the stream could not be cut.</summary>
public readonly record struct SyslogFrame(byte[]? Message, string? Error);

/// <summary>
/// RFC 6587 framing over TCP: octet counting ("123 &lt;msg&gt;") and non-transparent framing (LF-terminated; NUL is
/// accepted too). Incremental: feed chunks as they arrive, frames come out whole. One instance per connection.
/// After a framing error the rest of the stream cannot be trusted, so it is discarded until the connection ends.
/// </summary>
public sealed class SyslogFrameDecoder(SyslogFraming framing = SyslogFraming.Auto, int maxFrameLength = 65536)
{
    private const int MaxLengthDigits = 9;

    private readonly List<byte> _buffer = [];
    private int _expected = -1; // octets still owed to the current octet-counted frame, or -1 while reading its length
    private bool _inLength;
    private bool _broken;

    public void Decode(ReadOnlySpan<byte> chunk, ICollection<SyslogFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var b in chunk)
        {
            if (_broken)
            {
                return;
            }
            Step(b, frames);
        }
    }

    /// <summary>The connection closed: a half frame is an error (octet counting) or a last message (newline framing).</summary>
    public void Complete(ICollection<SyslogFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (_broken)
        {
            Reset();
            return;
        }
        if (_expected >= 0)
        {
            frames.Add(new SyslogFrame(null,
                $"framing: found EOF after \"{Text()}\", expecting a SYSLOGMSG containing {_expected + _buffer.Count} octets"));
        }
        else if (_inLength)
        {
            frames.Add(new SyslogFrame(null, $"framing: found EOF while reading the octet count \"{Text()}\""));
        }
        else if (_buffer.Count > 0)
        {
            Emit(frames);
        }
        Reset();
    }

    private void Step(byte b, ICollection<SyslogFrame> frames)
    {
        if (_expected >= 0)
        {
            _buffer.Add(b);
            _expected--;
            if (_expected == 0)
            {
                _expected = -1;
                Emit(frames);
            }
            return;
        }
        if (_inLength)
        {
            if (b >= (byte)'0' && b <= (byte)'9' && _buffer.Count < MaxLengthDigits)
            {
                _buffer.Add(b);
                return;
            }
            if (b == (byte)' ')
            {
                var length = 0;
                foreach (var digit in _buffer)
                {
                    length = (length * 10) + (digit - '0');
                }
                _buffer.Clear();
                _inLength = false;
                if (length == 0 || length > maxFrameLength)
                {
                    Fail(frames, $"framing: octet count {length} is outside 1..{maxFrameLength}");
                    return;
                }
                _expected = length;
                return;
            }
            Fail(frames, $"framing: expecting an octet count followed by a space, found byte 0x{b:X2}");
            return;
        }
        if (_buffer.Count == 0)
        {
            var octets = framing == SyslogFraming.OctetCounting
                || (framing == SyslogFraming.Auto && b >= (byte)'1' && b <= (byte)'9');
            if (octets)
            {
                if (b < (byte)'1' || b > (byte)'9')
                {
                    if (b is (byte)'\n' or (byte)'\r' or (byte)' ')
                    {
                        return; // stray separators between octet-counted frames
                    }
                    Fail(frames, $"framing: expecting an octet count, found byte 0x{b:X2}");
                    return;
                }
                _inLength = true;
                _buffer.Add(b);
                return;
            }
        }
        if (b is (byte)'\n' or 0)
        {
            if (_buffer.Count > 0 && _buffer[^1] == (byte)'\r')
            {
                _buffer.RemoveAt(_buffer.Count - 1);
            }
            if (_buffer.Count > 0)
            {
                Emit(frames);
            }
            return;
        }
        if (_buffer.Count >= maxFrameLength)
        {
            // Without a terminator in sight the stream cannot be cut reliably any more: report and stop.
            frames.Add(new SyslogFrame(null, $"framing: a newline-terminated frame exceeds {maxFrameLength} octets"));
            _broken = true;
            _buffer.Clear();
            return;
        }
        _buffer.Add(b);
    }

    private void Emit(ICollection<SyslogFrame> frames)
    {
        frames.Add(new SyslogFrame([.. _buffer], null));
        _buffer.Clear();
    }

    private void Fail(ICollection<SyslogFrame> frames, string error)
    {
        frames.Add(new SyslogFrame(null, error));
        _broken = true;
        _buffer.Clear();
    }

    private string Text() => System.Text.Encoding.UTF8.GetString([.. _buffer]);

    private void Reset()
    {
        _buffer.Clear();
        _expected = -1;
        _inLength = false;
        _broken = false;
    }
}
