using Mediator;

namespace MsspPortal.Web.Domain.Events;

// A Critical alert or incident was escalated: the tenant's joint committee is to be activated. Lives below the
// features so the committee can handle it without knowing who raised it.
public sealed record EmergencyEscalated(Guid TenantId, long? AlertId, long? IncidentId, string Reason, DateTimeOffset At) : INotification;
