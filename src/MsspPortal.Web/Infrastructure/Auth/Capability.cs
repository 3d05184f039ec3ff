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
