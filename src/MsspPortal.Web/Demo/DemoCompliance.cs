using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Compliance.Frameworks.Checks;

namespace MsspPortal.Web.Demo;

// The demo's compliance, as the product makes it, on the demo clock: the MSSP lead applies PCI DSS 4.0.1 and NIST CSF 2.0
// to harbor-bank and GDPR to orbit-saas (its European markets) at the start of the demo, records one attestation per
// requirement group for the first control the portal cannot evidence itself (owners from the bank's and SaaS company's
// committee), and the monthly check then runs for each month the demo covers, just after the month ends, through its
// handler: every status is read from the demo's records.
internal sealed class DemoCompliance(IServiceProvider services, DemoCalendar calendar)
{
    private static readonly (string Slug, string Framework, string ScopeNote, string[] Owners)[] Applied =
    [
        ("harbor-bank", "pci-dss-4.0.1", "Card switch, payment gateway and the networks around them", ["Helena Brandt", "Paul Okafor"]),
        ("harbor-bank", "nist-csf-2.0", "The bank's security programme, reported to the committee", ["Helena Brandt"]),
        ("orbit-saas", "gdpr", "Customer and staff personal data in the EU markets", ["Priya Nair", "Omar Reyes"]),
    ];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<FrameworkCatalog>();
        if (await DemoActor.ForAsync(services, DemoSeeder.People[5].Email, cancellationToken) is not { } lead)
        {
            return 0;
        }
        var tenants = await TenantsAsync(cancellationToken);
        var appliedAt = calendar.Start.AddHours(10);
        var since = DateOnly.FromDateTime(calendar.Start.UtcDateTime);
        var frozen = 0;
        foreach (var (slug, frameworkId, scope, owners) in Applied)
        {
            if (!tenants.TryGetValue(slug, out var tenant) || catalog.Find(frameworkId) is not { } framework)
            {
                continue;
            }
            await lead.SendAsync<ApplyFramework, ComplianceChange, ApplyFrameworkHandler>(new ApplyFramework(slug, frameworkId, since, scope), appliedAt, cancellationToken);
            var groups = framework.Controls.Where(c => !c.Withdrawn && ComplianceMapping.Find(frameworkId, c.Id) is null)
                .GroupBy(c => framework.Groups.FirstOrDefault(g => g.Id == c.Group)?.Parent ?? c.Group).Select(g => g.First()).ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                var control = groups[i];
                var owner = owners[i % owners.Length];
                await lead.SendAsync<AddManualEvidence, ComplianceChange, AddManualEvidenceHandler>(new AddManualEvidence(slug, frameworkId, control.Id,
                    ManualEvidenceKind.Attestation, $"{control.Id} reviewed with {owner}", $"{owner} confirmed in the onboarding review that \"{control.Label}\" is in place, with the documents kept by the customer.",
                    owner, since.AddMonths(12)), appliedAt.AddMinutes(5 + i), cancellationToken);
            }
            var zone = ComplianceCalendar.Zone(tenant.TimeZone);
            for (var month = new DateOnly(since.Year, since.Month, 1); ComplianceCalendar.EndsAt(month, zone) <= calendar.Now; month = month.AddMonths(1))
            {
                var outcome = await lead.SendAsync<RunComplianceCheck, ComplianceCheckOutcome, RunComplianceCheckHandler>(
                    new RunComplianceCheck(tenant.Id, frameworkId, month), ComplianceCalendar.EndsAt(month, zone).AddMinutes(20), cancellationToken);
                frozen += outcome.Frozen ? 1 : 0;
            }
        }
        return frozen;
    }

    private async Task<Dictionary<string, Tenant>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // The seeder made these tenants and acts for all of them; each step below then runs in one tenant's scope.
        return await db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking().ToDictionaryAsync(t => t.Slug, cancellationToken);
    }
}
