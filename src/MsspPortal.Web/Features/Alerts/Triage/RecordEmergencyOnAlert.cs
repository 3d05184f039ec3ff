using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

// Until the committee feature activates the joint committee on an emergency, the announcement is kept on the
// alert's history so that it can be traced.
internal sealed class RecordEmergencyOnAlertHandler(PortalDbContext db, ICurrentUser user) : INotificationHandler<EmergencyEscalated>
{
    public async ValueTask Handle(EmergencyEscalated notification, CancellationToken cancellationToken)
    {
        if (notification.AlertId is not { } alertId
            || await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken) is not { } alert)
        {
            return;
        }
        alert.NoteEmergency(user.Id, notification.At, "Emergency announced to the joint committee: " + notification.Reason);
        await db.SaveChangesAsync(cancellationToken);
    }
}
