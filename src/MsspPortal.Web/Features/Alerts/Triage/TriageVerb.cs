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
    // Folds the alerts into TriageAction.TargetId (or, without one, into the highest-risk of them).
    Merge,
}
