using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MsspPortal.Web.Features.Committee.Calendar;

// GET /Calendar/Feed/{token}.ics : a person's meetings for their calendar application to subscribe to.
// Anonymous by design, as the log-source API is key-authenticated: calendar applications (Outlook, Google, Apple)
// fetch a subscription URL with no cookie and no sign-in, so the secret token in the path is the credential. It is
// 256 random bits, only its SHA-256 is stored, it reads only (GET, no form, nothing a visitor can change), it yields
// only the meetings of committees its owner sits on, and revoking it ends it: unknown and revoked tokens answer 404.
// The route tests treat [AllowAnonymous] routes as outside the role gate (RoleAccessTests skip them; the isolation
// test still calls them as every tenant-A user and checks no tenant-B data comes back).
[AllowAnonymous]
public sealed class CalendarFeedController(ISender sender) : Controller
{
    [HttpGet("Calendar/Feed/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        if (await sender.Send(new ReadCalendarFeed(token), cancellationToken) is not { } content)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(content), "text/calendar; charset=utf-8", "committee-meetings.ics");
    }
}
