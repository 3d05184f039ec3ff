using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Alerts;

// One triage step applied to every alert of a TriageAlerts message; which fields count depends on the verb.
public sealed record TriageAction(TriageVerb Verb, string? AssigneeId = null, AlertStatus? Status = null, AlertDisposition? Disposition = null, string? Reason = null,
    long? TargetId = null);
