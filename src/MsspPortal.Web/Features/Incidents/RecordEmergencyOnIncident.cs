using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Until the committee feature activates the joint committee on an emergency, the announcement is kept on the
// incident's history so that it can be traced.
internal sealed class RecordEmergencyOnIncidentHandler(PortalDbContext db, ICurrentUser user) : INotificationHandler<EmergencyEscalated>
{
    public async ValueTask Handle(EmergencyEscalated notification, CancellationToken cancellationToken)
    {
        if (notification.IncidentId is not { } incidentId
            || await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return;
        }
        incident.NoteEmergency(user.Id, notification.At, "Emergency announced to the joint committee: " + notification.Reason);
        await db.SaveChangesAsync(cancellationToken);
    }
}
