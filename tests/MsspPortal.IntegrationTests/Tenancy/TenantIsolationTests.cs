using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Tenants;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.IntegrationTests.Tenancy;

/// <summary>
/// Walks every route the app exposes (from its endpoint data source, so routes added later are covered
/// without editing this test) as each kind of tenant-A user, aiming every id at tenant B.
/// </summary>
public sealed class TenantIsolationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task User_of_tenant_A_gets_404_and_never_data_for_every_tenant_B_route()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var routes = PortalRoutes.Enumerate(factory);
        Assert.NotEmpty(routes);

        var notFoundByRoute = routes.ToDictionary(r => r.Name, _ => 0);
        foreach (var (role, email) in a.UserEmails)
        {
            var client = await factory.SignInAsync(email, TestTenant.Password);
            var token = await client.AntiforgeryTokenAsync("/Account/AccessDenied");
            foreach (var route in routes)
            {
                var url = route.Url(b);
                using var request = new HttpRequestMessage(route.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, url);
                if (route.Method == "POST")
                {
                    // The form also tries to move rows into tenant B, as a forged request would.
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token,
                        ["TenantId"] = b.Id.ToString(),
                        ["Name"] = "forged",
                        ["tenantId"] = b.Id.ToString(),
                    });
                }
                var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();

                Assert.False(body.Contains(b.Marker, StringComparison.OrdinalIgnoreCase),
                    $"{role} of tenant A saw tenant B data at {route.Method} {url} ({(int)response.StatusCode})");
                // 401: the ingestion API ignores cookies and wants a log-source key, which decides the tenant itself.
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Forbidden
                        or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized,
                    $"{route.Method} {url} answered {(int)response.StatusCode} to {role}");
                if (route.TenantRow is not null)
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        notFoundByRoute[route.Name]++;
                    }
                    else
                    {
                        // Anything but 404 must be the role gate, which answers the same for tenant A's own row.
                        Assert.True(IsDenied(response), $"{role} got {(int)response.StatusCode} for tenant B's {route.Name} at {url}");
                    }
                }
            }
        }

        // Every id-taking route was reached by at least one tenant-A user who passed its role gate, and was 404.
        foreach (var route in routes.Where(r => r.TenantRow is not null && !r.PlatformAdminOnly))
        {
            Assert.True(notFoundByRoute[route.Name] > 0, $"No tenant-A user got 404 from {route.Method} {route.Name}");
        }
        await AssertNothingWasWrittenToAsync(b);
    }

    // Pages that take their tenant from the query string (tenant=slug) rather than a row id: each role of tenant A
    // asking for tenant B's slug gets 404 (or its role's 403), never B's data.
    [Theory]
    [InlineData("/Value?tenant={0}")]
    [InlineData("/Value?tenant={0}&month=2026-10")]
    [InlineData("/Value/Billing?tenant={0}")]
    [InlineData("/Value/Billing?tenant={0}&period=2026-Q4")]
    [InlineData("/Value/Billing/Csv?tenant={0}&period=2026-10")]
    [InlineData("/Committee?tenant={0}")]
    [InlineData("/ActionItems?tenant={0}")]
    [InlineData("/ActionItems/Burndown?tenant={0}")]
    [InlineData("/Compliance?tenant={0}")]
    [InlineData("/Compliance/pci-dss-4.0.1?tenant={0}")]
    [InlineData("/Compliance/pci-dss-4.0.1/Control?tenant={0}&control=1.2.1")]
    public async Task User_of_tenant_A_gets_404_for_tenant_B_by_slug(string template)
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, b.Slug);

        foreach (var (role, email) in a.UserEmails)
        {
            var client = await factory.SignInAsync(email, TestTenant.Password);
            var response = await client.GetAsync(url);

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{role} of tenant A got {(int)response.StatusCode} from {url}");
            Assert.DoesNotContain(b.Marker, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, a.Slug))).StatusCode);
        }
    }

    // The committee's meeting list takes its tenant by id: tenant B's is not found for any role of tenant A.
    [Fact]
    public async Task User_of_tenant_A_gets_404_for_tenant_B_meetings_list()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");

        foreach (var (role, email) in a.UserEmails)
        {
            var client = await factory.SignInAsync(email, TestTenant.Password);
            var response = await client.GetAsync($"/Meetings?tenantId={b.Id}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(b.Marker, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(a.Marker, await client.GetStringAsync($"/Meetings?tenantId={a.Id}"), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Every_route_with_an_id_declares_the_entity_it_names()
    {
        var data = factory.Services.GetRequiredService<EndpointDataSource>();
        var undeclared = data.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(x => x.Action is not null && x.Action.Parameters.Any(p => p.Name == "id"))
            .Where(x => x.Endpoint.Metadata.GetMetadata<TenantRowAttribute>() is null)
            .Select(x => x.Action!.DisplayName)
            .ToList();
        Assert.Empty(undeclared);
        await Task.CompletedTask;
    }

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden;

    private async Task AssertNothingWasWrittenToAsync(TestTenant b)
    {
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(db.Assets.Any(x => x.TenantId == b.Id && x.Name == "forged"));
        Assert.False(db.LogSources.Any(x => x.TenantId == b.Id && x.Name == "forged"));
        Assert.Equal(4, db.Memberships.Count(m => m.TenantId == b.Id));
        // The value inputs' forms name their tenant in the form: one naming B is refused, never saved.
        Assert.False(db.BusinessProfiles.Any(x => x.TenantId == b.Id));
        Assert.False(db.ValueAssumptionSets.Any(x => x.TenantId == b.Id));
        Assert.False(db.ReportedFigures.Any(x => x.TenantId == b.Id));
        // Retrospectives: the fixture's one, unsigned and unchanged (Assemble names its tenant in the form).
        Assert.Equal(1, db.Retrospectives.Count(x => x.TenantId == b.Id));
        Assert.Equal(1, db.Retrospectives.Count(x => x.TenantId == b.Id && x.Lessons == "lessons-" + b.Marker));
        Assert.False(db.RetrospectiveSignatures.Any(x => x.TenantId == b.Id));
        // The breach register: B's one breach, unchanged, with its one notification.
        Assert.Equal(1, db.PersonalDataBreaches.Count(x => x.TenantId == b.Id && x.TenantNotifiedAt == null && x.TenantAwareAt == null));
        Assert.Equal(1, db.BreachNotifications.Count(x => x.TenantId == b.Id));
    }
}
