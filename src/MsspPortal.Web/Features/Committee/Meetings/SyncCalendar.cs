namespace MsspPortal.Web.Features.Committee.Meetings;

// Wall-clock times of a tenant's committee, in its IANA zone. A sync at 10:00 stays at 10:00 local across a DST
// change, so its UTC instant moves; a local time that does not exist (the spring-forward gap) is moved on by the gap,
// and one that exists twice (fall back) is the first of the two, as a calendar application reads it.
public static class SyncCalendar
{
    public static TimeZoneInfo Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local += zone.GetUtcOffset(local.AddHours(6)) - zone.GetUtcOffset(local.AddHours(-6));
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTimeOffset ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(at, zone).DateTime);

    // The Monday of the local week: one weekly sync per committee and week.
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
