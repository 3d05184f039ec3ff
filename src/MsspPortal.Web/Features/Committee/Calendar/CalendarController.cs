using Mediator;
using Microsoft.AspNetCore.Mvc;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Calendar;

// The committee's meetings in people's own calendars: one meeting as an invitation (.ics), and each person's
// subscribable feed, whose address is created here, shown once, and revoked here. The feed itself is read by
// CalendarFeedController, without sign-in.
[Requires(Capability.ReadCommittee)]
public sealed class CalendarController(ISender sender) : Controller
{
    private const string Views = "~/Features/Committee/Calendar/";

    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(Views + "Index.cshtml", await sender.Send(new GetCalendarPage(), cancellationToken));

    // The answer shows the new address in the page itself (no redirect): it is never stored, so never shown again.
    [HttpPost]
    public async Task<IActionResult> CreateFeed(CancellationToken cancellationToken)
    {
        if (await sender.Send(new IssueCalendarFeed(), cancellationToken) is not { } token)
        {
            return Forbid();
        }
        var page = await sender.Send(new GetCalendarPage(), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return View(Views + "Index.cshtml", page with { NewFeedUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/Calendar/Feed/{token}.ics" });
    }

    [HttpPost]
    public async Task<IActionResult> RevokeFeed(long feedId, CancellationToken cancellationToken)
    {
        if (!await sender.Send(new RevokeCalendarFeed(feedId), cancellationToken))
        {
            return NotFound();
        }
        TempData["Flash"] = "Calendar feed revoked: its address no longer answers.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("Calendar/Meeting/{id}.ics")]
    [TenantRow(typeof(Meeting))]
    public async Task<IActionResult> Meeting(long id, CancellationToken cancellationToken) =>
        await sender.Send(new GetMeetingInvitation(id), cancellationToken) is { } invitation
            ? File(System.Text.Encoding.UTF8.GetBytes(invitation.Content), $"text/calendar; charset=utf-8; method={invitation.Method}", invitation.FileName)
            : NotFound();
}
