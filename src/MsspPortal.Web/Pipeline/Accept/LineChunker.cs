namespace MsspPortal.Web.Pipeline;

// Cuts a byte stream into newline-separated lines and groups them into chunks. CR before LF is dropped and blank
// lines are skipped; every other byte is kept as received (NUL included). A line is kept whole up to the source's
// limit, and one longer fails the store with LineTooLongException: a cut copy stored as if it were the line could
// never be recovered (issue 11.3). With splitJsonArrays , a line that is a JSON array of objects or a CloudTrail
// {"Records":[...]} envelope becomes one line per record, so each record is an event with its own raw line.
internal sealed class LineChunker(int maxLineBytes, int linesPerChunk, bool splitJsonArrays = false) : IDisposable
{
    private readonly MemoryStream _current = new();
    private readonly List<Range> _records = [];
    private long _lineStart;
    private long _contentStart;
    private long _lineLength;
    private int _lines;
    private long _totalLines;

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
        if (part.IsEmpty)
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
        _lineLength += part.Length;
        // One byte of slack for the CR that EndLine drops.
        if (_lineLength > maxLineBytes + 1)
        {
            throw new LineTooLongException(_totalLines + 1, maxLineBytes);
        }
        _current.Write(part);
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
        else if (content.Length > maxLineBytes)
        {
            throw new LineTooLongException(_totalLines + 1, maxLineBytes);
        }
        var trimmed = content.TrimStart(" \t"u8);
        if (trimmed.IsEmpty)
        {
            _current.SetLength(_lineStart);
        }
        else if (splitJsonArrays && trimmed[0] is (byte)'[' or (byte)'{' && JsonRecords.TrySplit(content, _records))
        {
            SplitInPlace(content);
        }
        else
        {
            _lines++;
            _totalLines++;
        }
        _lineLength = 0;
        if (_lines >= linesPerChunk)
        {
            ready.Add(Flush());
        }
    }

    // Replaces the line just ended by its records, one per line (a record holds no newline: the line had none).
    private void SplitInPlace(ReadOnlySpan<byte> content)
    {
        var line = content.ToArray();
        _current.SetLength(_contentStart);
        for (var i = 0; i < _records.Count; i++)
        {
            if (i > 0)
            {
                _current.WriteByte((byte)'\n');
            }
            _current.Write(line.AsSpan(_records[i]));
        }
        _lines += _records.Count;
        _totalLines += _records.Count;
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
