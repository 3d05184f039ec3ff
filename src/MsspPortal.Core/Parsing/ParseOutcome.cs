using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing;

/// <summary>The result of one line: exactly one of <see cref="Event"/> and <see cref="Error"/> is set.</summary>
public readonly record struct ParseOutcome(NormalizedEvent? Event, string? Error, LogFormat DetectedFormat, bool Truncated)
{
    public bool Succeeded => Event is not null;

    internal static ParseOutcome Ok(NormalizedEvent ev, bool truncated) => new(ev, null, ev.Format, truncated);

    internal static ParseOutcome Fail(string error, LogFormat format, bool truncated) => new(null, error, format, truncated);
}
