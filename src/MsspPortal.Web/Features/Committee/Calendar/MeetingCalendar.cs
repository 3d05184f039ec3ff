using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.Calendar;

// Meetings as iCalendar (RFC 5545) through Ical.Net: UID is the meeting's CalendarUid (never changes), SEQUENCE its
// Sequence (raised by every change a participant would see), times in the meeting's own zone with one VTIMEZONE per
// zone used (UTC needs none: its times end in Z), the committee's members with an address as organizer (the chair)
// and attendees. A cancelled meeting says STATUS:CANCELLED so calendars remove it.
internal static class MeetingCalendar
{
    public const string ProductId = "-//MsspPortal//Joint committee//EN";

    public sealed record Person(string Name, string Email, CommitteeRole Role);

    public sealed record Entry(Meeting Meeting, string CommitteeName, IReadOnlyList<Person> Members);

    // The meetings with their committees' members who have an address (the seat's own, else the account's).
    public static async Task<List<Entry>> LoadAsync(PortalDbContext db, IQueryable<Meeting> meetings, CancellationToken cancellationToken)
    {
        var rows = await meetings.AsNoTracking().OrderBy(m => m.ScheduledAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var committeeIds = rows.Select(m => m.CommitteeId).Distinct().ToList();
        var committees = await db.Committees.AsNoTracking().Where(c => committeeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => committeeIds.Contains(m.CommitteeId) && m.Active).ToListAsync(cancellationToken);
        var userIds = members.Where(m => m.Email == null && m.UserId != null).Select(m => m.UserId!).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var people = members
            .Select(m => (m.CommitteeId, Person: new Person(m.Name, m.Email ?? (m.UserId is { } u ? emails.GetValueOrDefault(u) : null) ?? "", m.Role)))
            .Where(x => x.Person.Email.Length > 0)
            .ToLookup(x => x.CommitteeId, x => x.Person);
        return [.. rows.Select(m => new Entry(m, committees.GetValueOrDefault(m.CommitteeId) ?? "Joint committee",
            [.. people[m.CommitteeId].OrderBy(p => p.Role == CommitteeRole.Chair ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal)]))];
    }

    // method: REQUEST for one invitation (CANCEL when it is cancelled, RFC 5546), PUBLISH for a subscribed feed.
    public static string Write(IEnumerable<Entry> entries, string method)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = method };
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var m = entry.Meeting;
            var zone = Zone(m.TimeZone);
            if (zone is not null && zones.Add(zone.Id))
            {
                calendar.AddTimeZone(zone.Id, m.ScheduledAt.UtcDateTime.AddYears(-1), false);
            }
            var e = new CalendarEvent
            {
                Uid = m.CalendarUid,
                Sequence = m.Sequence,
                Summary = m.Title,
                Description = $"{entry.CommitteeName}: {Kind(m.Kind)}.",
                Location = m.Location,
                DtStart = At(m.ScheduledAt, zone),
                DtEnd = At(m.EndsAt, zone),
                DtStamp = new CalDateTime(m.UpdatedAt.UtcDateTime),
                Status = m.Status == MeetingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            var chair = entry.Members.FirstOrDefault(p => p.Role == CommitteeRole.Chair) ?? (entry.Members.Count > 0 ? entry.Members[0] : null);
            if (chair is not null)
            {
                e.Organizer = new Organizer("mailto:" + chair.Email) { CommonName = chair.Name };
            }
            foreach (var person in entry.Members)
            {
                e.Attendees.Add(new Attendee("mailto:" + person.Email)
                {
                    CommonName = person.Name,
                    Role = person.Role == CommitteeRole.Chair ? "CHAIR" : "REQ-PARTICIPANT",
                    ParticipationStatus = "NEEDS-ACTION",
                });
            }
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string MethodFor(Meeting meeting) => meeting.Status == MeetingStatus.Cancelled ? "CANCEL" : "REQUEST";

    private static string Kind(MeetingKind kind) => kind switch
    {
        MeetingKind.Weekly => "weekly sync",
        MeetingKind.Emergency => "emergency session",
        _ => "quarterly retrospective",
    };

    // The meeting's IANA zone, or null for UTC (and for a zone this system does not know, whose times go out in UTC).
    private static TimeZoneInfo? Zone(string id) =>
        id is "UTC" or "Etc/UTC" || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || zone.Id is "UTC" or "Etc/UTC" ? null : zone;

    private static CalDateTime At(DateTimeOffset at, TimeZoneInfo? zone) =>
        zone is null ? new CalDateTime(at.UtcDateTime) : new CalDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime, zone.Id);
}
