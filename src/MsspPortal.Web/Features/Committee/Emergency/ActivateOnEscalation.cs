using Mediator;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// A Critical alert or incident was escalated: the tenant's joint committee is activated at the escalation's own
// time (one activation per incident or alert; a second escalation adds to it).
internal sealed class ActivateOnEscalationHandler(EmergencyDesk desk, ICurrentUser user) : INotificationHandler<EmergencyEscalated>
{
    public async ValueTask Handle(EmergencyEscalated notification, CancellationToken cancellationToken) =>
        await desk.DeclareAsync(notification.TenantId, notification.IncidentId, notification.AlertId, notification.Reason, user.Id ?? "system",
            notification.At, cancellationToken);
}
