using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Logging;

namespace MsspPortal.Web.Features.Committee.Emergency;

// What an escalation and the "Activate the committee" button share: declare the activation (or add to the one
// already running for the same incident or alert), open its emergency meeting, page the named roles of both sides,
// and e-mail the pages when SMTP is configured. Time is the caller's: the escalation's own time, or the clock's.
internal sealed class EmergencyDesk(PortalDbContext db, IPageSender sender, ILogger<EmergencyDesk> logger)
{
    public async Task<EmergencyActivation?> DeclareAsync(Guid tenantId, long? incidentId, long? alertId, string reason, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Where(c => c.TenantId == tenantId).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return null;
        }
        // An escalated alert that belongs to an incident joins that incident's activation.
        if (incidentId is null && alertId is not null)
        {
            incidentId = await db.Alerts.Where(a => a.Id == alertId).Select(a => a.IncidentId).FirstOrDefaultAsync(cancellationToken);
        }
        var members = await db.CommitteeMembers.Where(m => m.CommitteeId == committee.Id).ToListAsync(cancellationToken);
        var running = await db.EmergencyActivations.Include(a => a.Pages).Include(a => a.Updates)
            .Where(a => a.CommitteeId == committee.Id && a.State != ActivationState.Closed && a.State != ActivationState.Cancelled)
            .Where(a => (incidentId != null && a.IncidentId == incidentId) || (alertId != null && a.AlertId == alertId))
            .FirstOrDefaultAsync(cancellationToken);
        if (running is not null)
        {
            // A second escalation of the same emergency adds to it: noted, and anyone named not yet paged is paged.
            running.AddUpdate("Escalated again: " + reason, by, at);
            if (incidentId is { } incident)
            {
                running.AttachIncident(incident);
            }
            var added = running.PageNamedRoles(members, at);
            await db.SaveChangesAsync(cancellationToken);
            await MailAsync(running, added, members, at, cancellationToken);
            return running;
        }

        var incidentTitle = incidentId is null ? null : await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        var zone = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZone).FirstOrDefaultAsync(cancellationToken) ?? "UTC";
        var title = "Emergency: " + (incidentTitle ?? reason);
        var meeting = Meeting.Schedule(committee, MeetingKind.Emergency, title.Length > 200 ? title[..200] : title, at, at.AddHours(1), zone, incidentId, at);
        db.Meetings.Add(meeting);
        var activation = EmergencyActivation.Declare(committee, incidentId, alertId, reason, by, at);
        db.EmergencyActivations.Add(activation);
        var pages = activation.PageNamedRoles(members, at);
        await db.SaveChangesAsync(cancellationToken);
        activation.AttachMeeting(meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        await MailAsync(activation, pages, members, at, cancellationToken);
        return activation;
    }

    // Sends each new page by e-mail (to the member's address, else their account's) and stamps it. A failed send
    // is logged and left unstamped: the portal page stands, and the next round of paging tries again.
    public async Task MailAsync(EmergencyActivation activation, IReadOnlyList<CommitteePage> pages, IReadOnlyCollection<CommitteeMember> members, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (!sender.Enabled || pages.Count == 0)
        {
            return;
        }
        var byId = members.ToDictionary(m => m.Id);
        var userIds = members.Where(m => m.Email is null && m.UserId is not null).Select(m => m.UserId!).ToList();
        var accounts = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        foreach (var page in pages)
        {
            var member = byId[page.MemberId];
            var to = member.Email ?? (member.UserId is { } uid && accounts.TryGetValue(uid, out var email) ? email : null);
            if (string.IsNullOrWhiteSpace(to))
            {
                continue;
            }
            var again = page.Reason switch
            {
                PageReason.Repeat => " (second page)",
                PageReason.Escalation => " (escalated: a named member has not answered)",
                _ => "",
            };
            var mail = new PageMail(to, $"Emergency activation of the joint committee{again}",
                $"{member.Name}, the joint security committee is activated: {activation.Reason}\n\n"
                + $"Declared at {activation.DeclaredAt:yyyy-MM-dd HH:mm} UTC; the committee is to assemble by {activation.TargetAt:HH:mm} UTC.\n"
                + $"Acknowledge in the portal: /Emergency/{activation.Id}\n");
            try
            {
                await sender.SendAsync(mail, cancellationToken);
                page.Emailed(at);
            }
            catch (SmtpException e)
            {
                // The server's answer often quotes the recipient: both are logged as personal data (redacted), the
                // exception itself is not (its message would bypass the redaction).
                EmergencyLog.PageNotEmailed(logger, page.Id, activation.Id, to, e.StatusCode, e.Message);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

internal static partial class EmergencyLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Page {PageId} of activation {ActivationId} could not be e-mailed to {Recipient}: {Status} {ServerAnswer}")]
    public static partial void PageNotEmailed(ILogger logger, long pageId, long activationId,
        [Personal] string recipient, System.Net.Mail.SmtpStatusCode status, [Personal] string serverAnswer);
}
