using System.Globalization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Incidents;

// One SLA clock as a badge: time left (red once breached, amber under half an hour), standing still while paused;
// met or breached once done.
public sealed record SlaBadge(string Css, string Text, string Title)
{
    public static SlaBadge? For(string label, DateTimeOffset? due, DateTimeOffset? doneAt, DateTimeOffset? pausedAt, DateTimeOffset now)
    {
        if (due is not { } d)
        {
            return null;
        }
        var title = string.Create(CultureInfo.InvariantCulture, $"{label} due {d:yyyy-MM-dd HH:mm} UTC");
        if (doneAt is { } done)
        {
            return done <= d ? new SlaBadge("text-bg-success", $"{label} met", title) : new SlaBadge("text-bg-danger", $"{label} breached", title);
        }
        var left = SlaClock.Left(d, now, pausedAt)!.Value;
        var css = left < TimeSpan.Zero ? "text-bg-danger" : left.TotalMinutes < 30 ? "text-bg-warning" : "text-bg-light border";
        var abs = left.Duration();
        var text = abs.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)abs.TotalHours} h {abs.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{abs.Minutes} min");
        return new SlaBadge(css, $"{label} {(left < TimeSpan.Zero ? "overdue " : "")}{text}{(pausedAt is null ? "" : " (paused)")}", title);
    }
}
