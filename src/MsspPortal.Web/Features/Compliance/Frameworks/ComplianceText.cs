using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// Words and badge colours for the statuses, shared by the compliance pages.
public static class ComplianceText
{
    public static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "Met",
        ComplianceStatus.PartlyMet => "Partly met",
        ComplianceStatus.NotMet => "Not met",
        ComplianceStatus.NotAssessed => "Not assessed",
        _ => "Not applicable",
    };

    public static string Badge(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "text-bg-success",
        ComplianceStatus.PartlyMet => "text-bg-warning",
        ComplianceStatus.NotMet => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public static string Automation(ControlAutomation automation) => automation switch
    {
        ControlAutomation.Automated => "automated",
        ControlAutomation.Partial => "partial",
        _ => "manual",
    };

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    public static string Link(string framework, string tenant) => $"/Compliance/{Uri.EscapeDataString(framework)}?tenant={Uri.EscapeDataString(tenant)}";

    public static string ControlLink(string framework, string tenant, string control) =>
        $"/Compliance/{Uri.EscapeDataString(framework)}/Control?tenant={Uri.EscapeDataString(tenant)}&control={Uri.EscapeDataString(control)}";
}
