using Microsoft.AspNetCore.Authorization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

// The one table of which role holds which permission. Platform admins hold every permission everywhere.
public static class RoleCapabilities
{
    private static readonly Dictionary<PortalRole, IReadOnlySet<Capability>> Table = new()
    {
        [PortalRole.PlatformAdmin] = Enum.GetValues<Capability>().ToHashSet(),
        [PortalRole.Analyst] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.TriageAlerts, Capability.ReadDetection,
            Capability.ManageDetection, Capability.ReadBusinessContext, Capability.EditBusinessContext,
            Capability.ReadValue, Capability.ManageContract, Capability.ReadCommittee, Capability.ActOnCommittee, Capability.AcknowledgeCommittee, Capability.PublishValueReports,
        },
        [PortalRole.BusinessOwner] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.ReadBusinessContext, Capability.EditBusinessContext,
            Capability.ReadValue, Capability.ReadCommittee, Capability.AcknowledgeValueReports, Capability.AcknowledgeCommittee,
        },
        [PortalRole.CommitteeMember] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.ReadBusinessContext, Capability.ReadValue,
            Capability.ReadCommittee, Capability.ActOnCommittee, Capability.AcknowledgeCommittee,
        },
        // Read-only on every page of the tenant, the audit log included; no action anywhere.
        [PortalRole.Auditor] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.ReadDetection, Capability.ReadBusinessContext,
            Capability.ReadValue, Capability.ReadCommittee, Capability.ReadAuditLog,
        },
    };

    public static bool Grants(PortalRole role, Capability permission) =>
        Table.TryGetValue(role, out var permissions) && permissions.Contains(permission);

    public static IReadOnlyList<PortalRole> RolesWith(Capability permission) =>
        [.. Enum.GetValues<PortalRole>().Where(r => Grants(r, permission))];

    internal static string PolicyName(Capability permission) => "capability:" + permission;

    internal static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Capability>())
        {
            options.AddPolicy(PolicyName(permission), p => p.RequireAuthenticatedUser().AddRequirements(new CapabilityRequirement(permission)));
        }
    }
}
