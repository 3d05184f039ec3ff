namespace MsspPortal.Web.Pipeline;

/// <summary>A line over the source's limit: the store fails whole rather than keep a cut copy.</summary>
[PipelineEntryPoint]
public sealed class LineTooLongException(long lineNumber, int limit)
    : IOException($"Line {lineNumber} is longer than this source's limit of {limit:N0} bytes; nothing of the batch was stored. Split the line, or send JSON records as NDJSON or as one JSON array.")
{
    public long LineNumber { get; } = lineNumber;

    public int Limit { get; } = limit;
}
