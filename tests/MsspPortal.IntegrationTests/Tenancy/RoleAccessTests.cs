using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Tenancy;

/// <summary>
/// Roles per route: each route declares its capability once ([Requires]); which roles hold it is declared once
/// (<see cref="RoleCapabilities"/>). Every member of a tenant, aiming at that tenant's OWN rows, gets 403 from
/// every route their role does not allow, and nothing is written; the roles allowed are never turned away.
/// </summary>
public sealed class RoleAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly PortalRole[] MemberRoles = [PortalRole.Analyst, PortalRole.BusinessOwner, PortalRole.CommitteeMember, PortalRole.Auditor];

    [Fact]
    public void Every_route_declares_a_capability_or_is_anonymous()
    {
        var undeclared = PortalRoutes.Enumerate(factory).Where(r => !r.Anonymous && r.Requires.Count == 0).Select(r => r.Name).ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Each_role_gets_403_and_writes_nothing_on_every_route_it_is_not_allowed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "r");
        // Attribute-routed pages (the alert actions, quarantine) count too; the ingestion API is anonymous (key-authenticated).
        var routes = PortalRoutes.Enumerate(factory).Where(r => !r.Anonymous).ToList();
        var before = await SnapshotAsync(tenant.Id);
        var denials = 0;

        foreach (var role in MemberRoles)
        {
            var client = await factory.SignInAsync(tenant.UserEmails[role], TestTenant.Password);
            var token = await client.AntiforgeryTokenAsync("/Account/AccessDenied");
            foreach (var route in routes.Where(r => !r.Allows(role)))
            {
                var response = await SendAsync(client, route, tenant, token);

                Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                    $"{role} got {(int)response.StatusCode} from {route.Name} ({string.Join(", ", route.Requires)})");
                denials++;
            }
        }

        Assert.True(denials > 40, $"only {denials} denials were tried: the role table or the routes changed shape");
        Assert.Equal(before, await SnapshotAsync(tenant.Id));
    }

    [Fact]
    public async Task Each_role_passes_the_gate_of_every_route_it_is_allowed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "g");
        // GETs only: an allowed POST with a forged form may legitimately change the tenant's own data.
        var routes = PortalRoutes.Enumerate(factory).Where(r => !r.Anonymous && r.Method == "GET").ToList();

        foreach (var role in MemberRoles)
        {
            var client = await factory.SignInAsync(tenant.UserEmails[role], TestTenant.Password);
            foreach (var route in routes.Where(r => r.Allows(role)))
            {
                var response = await client.GetAsync(route.Url(tenant));

                Assert.True(response.StatusCode != HttpStatusCode.Forbidden && (int)response.StatusCode < 500,
                    $"{role} got {(int)response.StatusCode} from {route.Name}, which its role allows");
            }
        }
    }

    [Fact]
    public async Task Platform_admin_is_never_denied_a_page()
    {
        var tenant = await TestTenant.CreateAsync(factory, "p");
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);

        foreach (var route in PortalRoutes.Enumerate(factory).Where(r => !r.Anonymous && r.Template is null && r.Method == "GET"))
        {
            var response = await admin.GetAsync(route.Url(tenant));
            Assert.True(response.StatusCode != HttpStatusCode.Forbidden && (int)response.StatusCode < 500,
                $"the platform admin got {(int)response.StatusCode} from {route.Name}");
        }
    }

    [Fact]
    public async Task One_person_is_business_owner_of_one_tenant_and_auditor_of_another()
    {
        var owned = await TestTenant.CreateAsync(factory, "o");
        var audited = await TestTenant.CreateAsync(factory, "u");
        var email = owned.UserEmails[PortalRole.BusinessOwner];
        await using (var scope = factory.PlatformScope(out var db))
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new TenantMembership { TenantId = audited.Id, UserId = userId, Role = PortalRole.Auditor, GrantedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        var client = await factory.SignInAsync(email, TestTenant.Password);

        // Business context: editable where they own the business, read-only where they audit.
        var ownAsset = await client.GetAsync($"/Assets/Edit/{owned.RowIds[typeof(Asset)]}");
        var auditedAsset = await client.GetAsync($"/Assets/Edit/{audited.RowIds[typeof(Asset)]}");
        var assets = await client.GetStringAsync("/Assets");
        // The audit log: only the audited tenant's entries.
        var audit = await client.GetStringAsync("/Audit");
        // Detection set-up is an auditor's to read, not a business owner's: only the audited tenant's log sources.
        var sources = await client.GetStringAsync("/LogSources");

        Assert.Equal(HttpStatusCode.OK, ownAsset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, auditedAsset.StatusCode);
        Assert.Contains(owned.Marker, assets, StringComparison.Ordinal);
        Assert.Contains(audited.Marker, assets, StringComparison.Ordinal);
        // (Both tenants' names appear in the tenant switcher; the rows are what must differ.)
        Assert.Contains($">{audited.Marker}</span>", audit, StringComparison.Ordinal);
        Assert.DoesNotContain($">{owned.Marker}</span>", audit, StringComparison.Ordinal);
        Assert.Contains("src-" + audited.Marker, sources, StringComparison.Ordinal);
        Assert.DoesNotContain("src-" + owned.Marker, sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_denied_page_says_why_with_403()
    {
        var tenant = await TestTenant.CreateAsync(factory, "w");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);

        var response = await client.GetAsync("/Rules/Create");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", body, StringComparison.Ordinal);
        Assert.Contains("ManageDetection", body, StringComparison.Ordinal);
        Assert.Contains("Analyst", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_roles_are_shown_no_action_they_may_not_take()
    {
        var tenant = await TestTenant.CreateAsync(factory, "v");
        var auditor = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var readOnly = await auditor.GetStringAsync($"/Rules?tenantId={tenant.Id}");
        var actionable = await analyst.GetStringAsync($"/Rules?tenantId={tenant.Id}");

        Assert.Contains("brute", readOnly, StringComparison.OrdinalIgnoreCase);
        foreach (var action in new[] { "/Rules/Toggle", "/Rules/Tune", "/Rules/Test", "/Rules/Create", "/Rules/Import" })
        {
            Assert.DoesNotContain(action, readOnly, StringComparison.Ordinal);
            Assert.Contains(action, actionable, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, RouteUnderTest route, TestTenant tenant, string token)
    {
        using var request = new HttpRequestMessage(route.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, route.Url(tenant));
        if (route.Method == "POST")
        {
            // A well-formed form aimed at the member's own tenant: only the role gate may stop it.
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["TenantId"] = tenant.Id.ToString(),
                ["tenantId"] = tenant.Id.ToString(),
                ["Name"] = "written-by-a-denied-role",
                ["Title"] = "written-by-a-denied-role",
                ["Enabled"] = "false",
                ["RuleId"] = "rule-" + tenant.Marker,
            });
        }
        return await client.SendAsync(request);
    }

    /// <summary>Row counts and a digest of names: any write by a denied request changes one of them.</summary>
    private async Task<string> SnapshotAsync(Guid tenantId)
    {
        await using var scope = factory.PlatformScope(out var db);
        var counts = new List<string>
        {
            $"tenant:{await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name + t.Slug + t.TimeZone).SingleAsync()}",
            $"assets:{await db.Assets.CountAsync(x => x.TenantId == tenantId)}:{string.Join("|", await db.Assets.Where(x => x.TenantId == tenantId).Select(x => x.Name + x.Criticality).ToListAsync())}",
            $"sources:{string.Join("|", await db.LogSources.Where(x => x.TenantId == tenantId).Select(x => x.Name + x.ApiKeyHash).ToListAsync())}",
            $"alerts:{await db.Alerts.CountAsync(x => x.TenantId == tenantId)}",
            $"history:{await db.AlertHistory.CountAsync(x => x.TenantId == tenantId)}",
            $"comments:{await db.Comments.CountAsync(x => x.TenantId == tenantId)}",
            $"suppressions:{await db.AlertSuppressions.CountAsync(x => x.TenantId == tenantId)}",
            $"incidents:{await db.Incidents.CountAsync(x => x.TenantId == tenantId)}",
            $"incident-history:{await db.IncidentHistory.CountAsync(x => x.TenantId == tenantId)}",
            $"incident-tasks:{await db.IncidentTasks.CountAsync(x => x.TenantId == tenantId)}",
            $"rules:{string.Join("|", await db.TenantRules.Where(x => x.TenantId == tenantId).Select(x => x.Title + x.Enabled).ToListAsync())}",
            $"rule-settings:{await db.TenantRuleSettings.CountAsync(x => x.TenantId == tenantId)}",
            $"windows:{await db.ProtectionWindows.CountAsync(x => x.TenantId == tenantId)}",
            $"memberships:{await db.Memberships.CountAsync(x => x.TenantId == tenantId)}",
            $"audit:{await db.AuditEntries.CountAsync(x => x.TenantId == tenantId)}",
            $"intel:{await db.ThreatIntelIndicators.CountAsync(x => x.TenantId == tenantId)}",
            $"batches:{await db.RawBatches.CountAsync(x => x.TenantId == tenantId)}",
            $"quarantine:{await db.QuarantinedLines.CountAsync(x => x.TenantId == tenantId)}",
            $"meetings:{await db.Meetings.CountAsync(x => x.TenantId == tenantId)}",
            $"committee-members:{string.Join("|", await db.CommitteeMembers.Where(x => x.TenantId == tenantId).Select(x => x.Name + x.Role + x.Active + x.UserId).ToListAsync())}",
            $"committee-goals:{string.Join("|", await db.CommitteeGoals.Where(x => x.TenantId == tenantId).Select(x => x.Title + x.Retired + x.Measured).ToListAsync())}",
            $"raci:{await db.CommitteeResponsibilities.CountAsync(x => x.TenantId == tenantId)}",
            $"action-items:{string.Join("|", await db.ActionItems.Where(x => x.TenantId == tenantId).Select(x => x.Title + x.Status).ToListAsync())}",
            // Billing terms: read as text, SQLite keeps decimals as doubles.
            $"contracts:{string.Join("|", (await db.ServiceContracts.Where(x => x.TenantId == tenantId).Select(x => new { x.BillingPeriod, x.BaseFee, x.RevenueSharePercent, x.RevenueShareThresholdPercent, x.RevenueShareReading, x.SlaCreditCap, x.Currency }).ToListAsync()).Select(x => x.ToString()))}",
            $"credits:{string.Join("|", (await db.ServiceContracts.Where(x => x.TenantId == tenantId).SelectMany(c => c.SlaTargets).Select(t => new { t.Severity, t.TargetAttainmentPercent, t.CreditPercent }).ToListAsync()).Select(x => x.ToString()))}",
            $"business-profiles:{await db.BusinessProfiles.CountAsync(x => x.TenantId == tenantId)}",
            $"assumption-sets:{await db.ValueAssumptionSets.CountAsync(x => x.TenantId == tenantId)}",
            $"reported-figures:{await db.ReportedFigures.CountAsync(x => x.TenantId == tenantId)}",
            $"value-reports:{string.Join("|", await db.ValueReports.Where(x => x.TenantId == tenantId).Select(x => x.Status.ToString() + x.ContentHash).ToListAsync())}",
            $"retrospectives:{string.Join("|", await db.Retrospectives.Where(x => x.TenantId == tenantId).Select(x => x.ContentHash).ToListAsync())}:{await db.RetrospectiveSignatures.CountAsync(x => x.TenantId == tenantId)}:{await db.ActionItems.CountAsync(x => x.TenantId == tenantId && x.RetrospectiveId != null)}",
            $"value-report-disputes:{await db.ValueReportDisputes.CountAsync(x => x.TenantId == tenantId)}",
            $"breaches:{string.Join("|", await db.PersonalDataBreaches.Where(x => x.TenantId == tenantId).Select(x => x.Nature + x.TenantNotifiedAt + x.TenantAwareAt).ToListAsync())}:{await db.BreachNotifications.CountAsync(x => x.TenantId == tenantId)}",
            $"users:{await db.Users.CountAsync()}",
            $"tenants:{await db.Tenants.CountAsync()}",
        };
        return string.Join("\n", counts);
    }
}
