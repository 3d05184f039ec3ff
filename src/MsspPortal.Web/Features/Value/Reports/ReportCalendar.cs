namespace MsspPortal.Web.Features.Value.Reports;

// A tenant's months, in its own time zone: a report covers the tenant's calendar month, and the month's report is
// due at 02:00 on the 1st of the next month, local time (an unknown zone is read as UTC).
public static class ReportCalendar
{
    public static readonly TimeSpan BuildAfter = TimeSpan.FromHours(2);

    public static TimeZoneInfo Zone(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    // The UTC instant the month's report falls due: 02:00 local on the 1st of the month after.
    public static DateTimeOffset DueAt(DateOnly month, TimeZoneInfo zone)
    {
        var local = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1) + BuildAfter;
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    // When the month is over in the tenant's calendar (midnight local on the 1st of the next month).
    public static DateTimeOffset EndsAt(DateOnly month, TimeZoneInfo zone)
    {
        var local = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    // The month that ended most recently in the tenant's calendar at this instant.
    public static DateOnly LastEndedMonth(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
    }
}
