using System.Globalization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// Where an action item came from, as a link to that record's page and a short text.
public static class ActionItemOrigins
{
    public static (string? Link, string Text) Describe(ActionItem item) => item.Origin switch
    {
        ActionItemOrigin.Meeting when item.MeetingId is { } id => ($"/Meetings/{Id(id)}", $"Meeting #{Id(id)}"),
        ActionItemOrigin.Incident when item.IncidentId is { } id => ($"/Incidents/Details/{Id(id)}", $"Incident #{Id(id)}"),
        ActionItemOrigin.ValueReport when item.ValueReportId is { } id => ($"/ValueReports/Details/{Id(id)}", $"Value report #{Id(id)}"),
        ActionItemOrigin.ProtectionWindow when item.ProtectionWindowId is { } id =>
            ($"/ProtectionWindows/{Id(id)}", $"Protection window #{Id(id)}{(item.Phase is { } phase ? ", " + Phase(phase) : "")}"),
        ActionItemOrigin.EmergencyActivation when item.ActivationId is { } id => ($"/Emergency/{Id(id)}", $"Emergency activation #{Id(id)}"),
        ActionItemOrigin.Retrospective when item.RetrospectiveId is { } id => ($"/Retrospectives/{Id(id)}", $"Retrospective #{Id(id)}"),
        ActionItemOrigin.Manual => (null, "Raised on the board"),
        // The origin's record was deleted: the item stays, without its link.
        _ => (null, CommitteeText.Origin(item.Origin) + " (deleted)"),
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Phase(ProtectionPhase phase) => phase switch
    {
        ProtectionPhase.MonthBefore => "a month before",
        ProtectionPhase.WeekBefore => "a week before",
        ProtectionPhase.During => "during",
        _ => "after",
    };
}
