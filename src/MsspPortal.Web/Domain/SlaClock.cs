namespace MsspPortal.Web.Domain;

// What a contract promises for one severity: acknowledge within so many minutes, resolve within so many.
public readonly record struct SlaTerms(int AcknowledgeWithinMinutes, int ResolveWithinMinutes);

// The arithmetic of the two service-level deadlines an alert or incident carries. The deadlines are stored (so the
// queue sorts and indexes them) rather than computed on read; a pause — waiting on the customer — moves both by the
// pause's length when it ends, so "breached" stays a comparison of two stored instants.
public static class SlaClock
{
    public static (DateTimeOffset AcknowledgeDueAt, DateTimeOffset ResolveDueAt) Start(DateTimeOffset from, SlaTerms terms) =>
        (from.AddMinutes(terms.AcknowledgeWithinMinutes), from.AddMinutes(terms.ResolveWithinMinutes));

    // A deadline after a pause from pausedAt to resumedAt. Instants compare as UTC whatever offset each was taken in.
    public static DateTimeOffset? Resume(DateTimeOffset? due, DateTimeOffset pausedAt, DateTimeOffset resumedAt) =>
        due is { } d && resumedAt > pausedAt ? d + (resumedAt - pausedAt) : due;

    // Time left until a deadline; negative once breached. While paused, the clock stands at the pause.
    public static TimeSpan? Left(DateTimeOffset? due, DateTimeOffset now, DateTimeOffset? pausedAt) =>
        due is { } d ? d - (pausedAt ?? now) : null;

    // Met when done by the deadline; an open item is judged against now (a paused one against its pause).
    public static bool? Met(DateTimeOffset? due, DateTimeOffset? doneAt, DateTimeOffset now, DateTimeOffset? pausedAt) =>
        due is { } d ? (doneAt ?? pausedAt ?? now) <= d : null;
}
