namespace MsspPortal.Web.Features.Alerts;

public enum TriageVerb
{
    Acknowledge,
    AssignToMe,
    Assign,
    Unassign,
    ChangeStatus,
    Escalate,
    Resolve,
    Comment,
}
