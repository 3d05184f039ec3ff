namespace MsspPortal.Web.Features.Compliance.Breaches;

// What a breach command did: not found (404), refused with a reason for a field (the form again), or done.
public sealed record BreachChange(bool Found, long? BreachId, string? Error = null, string? Field = null)
{
    public static readonly BreachChange NotFound = new(false, null);

    public bool Succeeded => Found && Error is null;

    public static BreachChange Done(long id) => new(true, id);

    public static BreachChange Refused(long? id, string field, string error) => new(true, id, error, field);

    // The forms take instants in UTC (an <input type="datetime-local"> has no offset; the page says so).
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
