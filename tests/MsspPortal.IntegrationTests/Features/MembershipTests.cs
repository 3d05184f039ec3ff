using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

public sealed class MembershipTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_granted_role_takes_effect_in_that_tenant_only()
    {
        var first = await TestTenant.CreateAsync(factory, "m1");
        var second = await TestTenant.CreateAsync(factory, "m2");
        var email = first.UserEmails[PortalRole.BusinessOwner];
        var userId = await UserIdAsync(email);
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);

        var granted = await admin.PostFormAsync("/Users/Grant", "/Users/Grant", new()
        {
            ["UserId"] = userId, ["TenantId"] = second.Id.ToString(), ["Role"] = nameof(PortalRole.CommitteeMember),
        });
        var owner = await factory.SignInAsync(email, TestTenant.Password);
        var committee = await owner.GetStringAsync("/Committee");

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        // Two tenants in reach: the committee page asks which, offering both.
        Assert.Contains("?tenant=" + second.Marker, committee, StringComparison.Ordinal);
        Assert.Contains("?tenant=" + first.Marker, committee, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_account_cannot_be_made_analyst_of_a_tenant()
    {
        var tenant = await TestTenant.CreateAsync(factory, "m3");
        var userId = await UserIdAsync(tenant.UserEmails[PortalRole.Auditor]);
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);
        var other = await TestTenant.CreateAsync(factory, "m4");

        var response = await admin.PostFormAsync("/Users/Grant", "/Users/Grant", new()
        {
            ["UserId"] = userId, ["TenantId"] = other.Id.ToString(), ["Role"] = nameof(PortalRole.Analyst),
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only MSSP staff accounts", body, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.Memberships.AnyAsync(m => m.UserId == userId && m.TenantId == other.Id));
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
