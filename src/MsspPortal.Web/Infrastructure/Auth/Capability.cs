using Microsoft.AspNetCore.Authorization;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Infrastructure.Auth;

// What a person may do in a tenant. A route declares the capability it needs; which roles hold it is declared once,
// in RoleCapabilities, and a person's role is decided per tenant by their membership.
public enum Capability
{
    // Any signed-in person: the start page, the tenant switcher.
    SignedIn,

    // Alerts and incidents, read-only: what the committee reviews and the business owner answers.
    ReadAlerts,

    // Acknowledge, assign, resolve, comment: MSSP analysts.
    TriageAlerts,

    // Detection and ingestion set-up, read-only: rules, coverage, intel, log sources, batches, tenants.
    ReadDetection,

    // Change detection and ingestion set-up: rules, log sources, intel, uploads.
    ManageDetection,

    // Assets, business services and protection windows, read-only.
    ReadBusinessContext,

    // Edit assets' business context and business services.
    EditBusinessContext,

    // The value dashboard and the monthly reports.
    ReadValue,

    // A contract's billing terms (base fee, revenue share, SLA credits): MSSP staff and platform admins.
    ManageContract,

    // Build and publish a tenant's monthly value report: MSSP staff.
    PublishValueReports,

    // Acknowledge a published value report, or dispute one of its figures: the customer's business owner.
    AcknowledgeValueReports,

    // The joint committee's pages.
    ReadCommittee,

    // Act on the joint committee: meetings, minutes, action items, activations, retrospectives and
    // protection windows' checklists. Chair-only and secretary-only steps are checked against the person's seat on top of this.
    ActOnCommittee,

    // Answer a page of an emergency activation, acknowledge minutes: every person the committee may page.
    AcknowledgeCommittee,

    // Who did what when in the tenant.
    ReadAuditLog,

    // Platform administration: tenants, users, ATT&amp;CK catalogue, unknown senders, jobs.
    AdministerPlatform,
}
