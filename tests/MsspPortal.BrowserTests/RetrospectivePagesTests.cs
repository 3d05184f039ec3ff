using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MsspPortal.IntegrationTests.Features.Committee;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee.Retrospectives;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class RetrospectivePagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_committee_annotates_and_both_sides_sign_off_a_retrospective_in_the_browser()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Portal, "rb");
        await RetrospectiveSeed.QuarterAsync(fixture.Portal, tenant);
        long id;
        await using (var scope = fixture.Portal.PlatformScope(out _))
        {
            id = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AssembleRetrospective(tenant.Id, 2026, 3))).RetrospectiveId!.Value;
        }
        var mssp = await fixture.SignedInPageAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await mssp.GotoAsync($"/Retrospectives/{id}");
        await mssp.Locator("#Lessons").FillAsync("- Checkout outage of 45 minutes was the quarter's largest interruption.\n- One action item ran past its due date.");
        await mssp.Locator("#StrategyChanges").FillAsync("- Review patch deadlines in every weekly sync.\n- Approve the value model's assumptions before the next report.");
        await mssp.Locator("#save-notes").ClickAsync();
        await mssp.Locator("#sign-retrospective").ClickAsync();

        var customer = await fixture.SignedInPageAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        await customer.GotoAsync($"/Retrospectives/{id}");
        await customer.Locator("#sign-retrospective").ClickAsync();
        await customer.Locator("#signed-off").WaitForAsync();
        await customer.Locator("canvas.retro-chart[data-ready=true]").First.WaitForAsync();

        Assert.Equal("Signed off", await customer.Locator("#retro-status").InnerTextAsync());
        Assert.Equal(2, await customer.Locator("#signature-table tr[data-signature-valid=true]").CountAsync());
        Assert.Equal(0, await customer.Locator("#annotate-form").CountAsync());
        await customer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "retrospective-signed-off.png"), FullPage = true });
    }
}
