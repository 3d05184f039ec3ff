using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee;

// The words the committee's pages use for its enums.
public static class CommitteeText
{
    public static string Area(ResponsibilityArea area) => area switch
    {
        ResponsibilityArea.Detection => "detection",
        ResponsibilityArea.Response => "response",
        ResponsibilityArea.BusinessDecisions => "business decisions",
        _ => "internal coordination",
    };

    public static string Letter(Raci raci) => raci.ToString()[..1];

    // "2 d 5 h", "3 h 20 min", "12 min": how long until (or since) a deadline.
    public static string Span(TimeSpan span) => span.TotalDays >= 1
        ? $"{(int)span.TotalDays} d {span.Hours} h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{Math.Max(0, (int)span.TotalMinutes)} min";

    public static string Side(CommitteeSide side) => side == CommitteeSide.Mssp ? "MSSP" : "Customer";

    public static string Comparison(GoalComparison comparison) => comparison switch
    {
        GoalComparison.AtMost => "≤",
        GoalComparison.AtLeast => "≥",
        _ => "=",
    };

    public static string Number(double value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public static string Origin(ActionItemOrigin origin) => origin switch
    {
        ActionItemOrigin.Manual => "Raised on the board",
        ActionItemOrigin.Meeting => "Meeting",
        ActionItemOrigin.Incident => "Incident",
        ActionItemOrigin.ValueReport => "Value report",
        ActionItemOrigin.ProtectionWindow => "Protection window",
        ActionItemOrigin.EmergencyActivation => "Emergency activation",
        _ => "Retrospective",
    };
}
