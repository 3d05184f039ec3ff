using Microsoft.AspNetCore.Authorization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

/// <summary>
/// What a person may do in a tenant. A route declares the capability it needs; which roles hold it is
/// declared once, in <see cref="RoleCapabilities"/>, and a person's role is decided per tenant by their membership.
/// </summary>
public enum Capability
{
    /// <summary>Any signed-in person: the start page, the tenant switcher.</summary>
    SignedIn,

    /// <summary>Alerts and incidents, read-only: what the committee reviews and the business owner answers.</summary>
    ReadAlerts,

    /// <summary>Acknowledge, assign, resolve, comment: MSSP analysts.</summary>
    TriageAlerts,

    /// <summary>Detection and ingestion set-up, read-only: rules, coverage, intel, log sources, batches, tenants.</summary>
    ReadDetection,

    /// <summary>Change detection and ingestion set-up: rules, log sources, intel, uploads.</summary>
    ManageDetection,

    /// <summary>Assets, business services and protection windows, read-only.</summary>
    ReadBusinessContext,

    /// <summary>Edit assets' business context and business services.</summary>
    EditBusinessContext,

    /// <summary>The value dashboard and the monthly reports.</summary>
    ReadValue,

    /// <summary>The joint committee's pages.</summary>
    ReadCommittee,

    /// <summary>Act on the joint committee: meetings, minutes, action items.</summary>
    ActOnCommittee,

    /// <summary>Who did what when in the tenant.</summary>
    ReadAuditLog,

    /// <summary>Platform administration: tenants, users, ATT&amp;CK catalogue, unknown senders, jobs.</summary>
    AdministerPlatform,
}

/// <summary>The one table of which role holds which permission. Platform admins hold every permission everywhere.</summary>
public static class RoleCapabilities
{
    private static readonly Dictionary<PortalRole, IReadOnlySet<Capability>> Table = new()
    {
        [PortalRole.PlatformAdmin] = Enum.GetValues<Capability>().ToHashSet(),
        [PortalRole.Analyst] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.TriageAlerts, Capability.ReadDetection,
            Capability.ManageDetection, Capability.ReadBusinessContext, Capability.EditBusinessContext,
            Capability.ReadValue, Capability.ReadCommittee, Capability.ActOnCommittee,
        },
        [PortalRole.BusinessOwner] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.ReadBusinessContext, Capability.EditBusinessContext,
            Capability.ReadValue, Capability.ReadCommittee,
        },
        [PortalRole.CommitteeMember] = new HashSet<Capability>
        {
            Capability.SignedIn, Capability.ReadAlerts, Capability.ReadBusinessContext, Capability.ReadValue,
            Capability.ReadCommittee, Capability.ActOnCommittee,
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

/// <summary>Declares the permission a controller or action needs; the roles that hold it come from <see cref="RoleCapabilities"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class RequiresAttribute : AuthorizeAttribute
{
    public RequiresAttribute(Capability permission)
        : base(RoleCapabilities.PolicyName(permission)) => Capability = permission;

    public Capability Capability { get; }
}

public sealed record CapabilityRequirement(Capability Capability) : IAuthorizationRequirement;
