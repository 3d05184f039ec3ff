namespace MsspPortal.Web.Features.Ingestion;

/// <summary>
/// Cuts a byte stream into newline-separated lines and groups them into chunks. CR before LF is dropped, blank
/// lines are skipped, and a line longer than the limit keeps its first <c>maxLineBytes + 1</c> bytes so that the
/// parser sees it is over the limit and flags the event as truncated — memory stays bounded whatever the input.
/// </summary>
internal sealed class LineChunker(int maxLineBytes, int linesPerChunk) : IDisposable
{
    private readonly MemoryStream _current = new();
    private long _lineStart;
    private long _contentStart;
    private int _lineLength;
    private int _lines;

    public readonly record struct Chunk(byte[] Content, int Lines);

    public List<Chunk> Add(ReadOnlySpan<byte> data)
    {
        var ready = new List<Chunk>();
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            Append(newline < 0 ? data : data[..newline]);
            if (newline < 0)
            {
                break;
            }
            EndLine(ready);
            data = data[(newline + 1)..];
        }
        return ready;
    }

    public Chunk? Complete()
    {
        var ready = new List<Chunk>();
        EndLine(ready);
        return ready.Count > 0 ? ready[0] : _lines > 0 ? Flush() : null;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        var room = maxLineBytes + 1 - _lineLength;
        if (room <= 0 || part.IsEmpty)
        {
            return;
        }
        if (_lineLength == 0)
        {
            // The separator goes in only once the line has content, so a skipped blank line leaves no trace.
            _lineStart = _current.Length;
            if (_lines > 0)
            {
                _current.WriteByte((byte)'\n');
            }
            _contentStart = _current.Length;
        }
        var taken = part.Length <= room ? part : part[..room];
        _current.Write(taken);
        _lineLength += taken.Length;
    }

    private void EndLine(List<Chunk> ready)
    {
        if (_lineLength == 0)
        {
            return;
        }
        var content = _current.GetBuffer().AsSpan((int)_contentStart, (int)(_current.Length - _contentStart));
        if (content[^1] == (byte)'\r')
        {
            _current.SetLength(_current.Length - 1);
            content = content[..^1];
        }
        if (content.TrimStart(" \t"u8).IsEmpty)
        {
            _current.SetLength(_lineStart);
        }
        else
        {
            _lines++;
        }
        _lineLength = 0;
        if (_lines >= linesPerChunk)
        {
            ready.Add(Flush());
        }
    }

    public void Dispose() => _current.Dispose();

    private Chunk Flush()
    {
        var chunk = new Chunk(_current.ToArray(), _lines);
        _current.SetLength(0);
        _lines = 0;
        return chunk;
    }
}
