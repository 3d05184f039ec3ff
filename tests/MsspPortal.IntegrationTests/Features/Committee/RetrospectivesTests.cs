using System.Globalization;
using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee.Retrospectives;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value.Reports;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>
/// The quarterly retrospective: a pack assembled from the quarter's records (figures worked out by hand below), the
/// same records giving the same hash, the sign-off rules (a chair or decision-maker of each side with their own
/// account, never one person for both sides, nothing changes after sign-off, an edit voids an earlier signature),
/// the printable PDF, and tenant isolation of its pages.
/// </summary>
public sealed class RetrospectivesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_Q3_pack_counts_the_quarters_incidents_action_items_goals_disputes_and_value_figures()
    {
        var tenant = await TestTenant.CreateAsync(factory, "k");
        await RetrospectiveSeed.QuarterAsync(factory, tenant);

        var change = await AssembleAsync(tenant.Id);
        var retro = await RetrospectiveAsync(change.RetrospectiveId!.Value);
        var pack = RetrospectivePack.Read(retro.Pack);

        // Two incidents in July and August (45 + 15 minutes, 1,200 + 0 lost); the fixture's own incident opened today.
        Assert.Equal(2, pack.Incidents.Count);
        Assert.Equal(60, pack.Incidents.DowntimeMinutes);
        Assert.Equal(1200m, pack.Incidents.ActualLoss);
        Assert.Equal([AlertSeverity.Critical, AlertSeverity.High], pack.Incidents.BySeverity.Select(s => s.Severity));
        Assert.Equal("svc-" + tenant.Marker, pack.Incidents.Items[0].BusinessService);
        // Created in the quarter: July, August (dropped), August (overdue), September (done in October) = 4; one done,
        // one dropped; open on 30 September: the overdue one, June's (due in October) and September's = 3; overdue 1.
        Assert.Equal((4, 1, 1, 3, 1), (pack.ActionItems.Created, pack.ActionItems.Done, pack.ActionItems.Dropped, pack.ActionItems.OpenAtEnd, pack.ActionItems.OverdueAtEnd));
        Assert.Equal(new DateOnly(2026, 9, 30), pack.ActionItems.CountedTo);
        Assert.Equal("Overdue patch of the shop", Assert.Single(pack.ActionItems.Overdue).Title);
        // August comes from its published report; July and September have none and are computed.
        Assert.Equal([FigureSource.ComputedAtAssembly, FigureSource.PublishedReport, FigureSource.ComputedAtAssembly], pack.Value.Months.Select(m => m.Source));
        var attacks = pack.Value.Trend.Single(t => t.Key == ValueKeys.AttacksStopped);
        Assert.Equal(7m, attacks.Values[1]);
        // SLA: 9 of 10 deadlines met in August's report, none decided in July and September.
        var sla = pack.Sla.Single(s => s.Severity == "all");
        Assert.Equal((9, 10, 90.0m), (sla.Met, sla.Decided, sla.Quarter));
        var goal = Assert.Single(pack.Goals, g => g.Title == "Interruption under an hour");
        Assert.True(goal.Met);
        var dispute = Assert.Single(pack.Disputes);
        Assert.Equal(("2026-08", ValueKeys.LossAvoided), (dispute.ReportMonth, dispute.FigureKey));
        Assert.Single(pack.Activations);
        Assert.Equal(pack.Coverage.CoveredAtEnd, pack.Coverage.CoveredAtStart + pack.Coverage.Gained.Count - pack.Coverage.Lost.Count);
        Assert.Contains("not stored", pack.Coverage.Method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_records_give_the_same_pack_and_hash()
    {
        var tenant = await TestTenant.CreateAsync(factory, "h");
        await RetrospectiveSeed.QuarterAsync(factory, tenant);

        var first = await AssembleAsync(tenant.Id);
        var before = await RetrospectiveAsync(first.RetrospectiveId!.Value);
        var second = await AssembleAsync(tenant.Id);
        var after = await RetrospectiveAsync(first.RetrospectiveId!.Value);

        Assert.Equal(first.RetrospectiveId, second.RetrospectiveId);
        Assert.Equal(before.Pack, after.Pack);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Contains("same pack", second.Done, StringComparison.Ordinal);
        Assert.Equal(Retrospective.Hash(after.Pack, after.Lessons, after.StrategyChanges), after.ContentHash);
    }

    [Fact]
    public async Task Sign_off_needs_a_chair_or_decision_maker_of_each_side_never_one_person_twice_and_then_nothing_changes()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        await RetrospectiveSeed.QuarterAsync(factory, tenant);
        var id = (await AssembleAsync(tenant.Id)).RetrospectiveId!.Value;
        var page = $"/Retrospectives/{id}";
        var mssp = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var customer = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var plain = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var admin = await factory.SignInAsync("admin@mssp.example", DemoSeeder.DemoPassword);

        var byPlainMember = await SignAsync(plain, id);
        var byAdminWithoutSeat = await SignAsync(admin, id);
        Assert.Equal(0, await SignatureCountAsync(id));
        Assert.Contains("without decision authority", byPlainMember, StringComparison.Ordinal);
        Assert.Contains("no seat on this committee", byAdminWithoutSeat, StringComparison.Ordinal);

        var firstCustomer = await SignAsync(customer, id);
        Assert.Contains("Partly signed", firstCustomer, StringComparison.Ordinal);

        // An edit after one signature changes the hash: the customer's signature is void and the page says so.
        var annotate = await mssp.PostFormAsync(page, $"{page}/Annotate", new() { ["Lessons"] = "Patch faster.", ["StrategyChanges"] = "Weekly patch review." });
        var afterEdit = await mssp.GetStringAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, annotate.StatusCode);
        Assert.Contains("void", afterEdit, StringComparison.Ordinal);
        Assert.Contains("Draft", afterEdit, StringComparison.Ordinal);

        var msspSigns = await SignAsync(mssp, id);
        // The analyst also holds a customer seat with authority: signing again would be one person for both sides.
        var msspAgain = await SignAsync(mssp, id);
        Assert.Contains("Partly signed", msspSigns, StringComparison.Ordinal);
        Assert.Contains("One person signs once", msspAgain, StringComparison.Ordinal);

        var customerAgain = await SignAsync(customer, id);
        Assert.Contains("Signed off", customerAgain, StringComparison.Ordinal);
        var signed = await RetrospectiveAsync(id);
        Assert.True(signed.IsSignedOff);
        Assert.Equal(2, signed.ValidSignatures.Count());

        var editAfter = await mssp.PostFormAsync(page, $"{page}/Annotate", new() { ["Lessons"] = "Changed afterwards." });
        var reassembleAfter = await mssp.PostFormAsync(page, $"{page}/Reassemble", []);
        var refused = await mssp.GetStringAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, editAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reassembleAfter.StatusCode);
        Assert.Contains("signed off by both sides", refused, StringComparison.Ordinal);
        var unchanged = await RetrospectiveAsync(id);
        Assert.Equal((signed.ContentHash, "Patch faster."), (unchanged.ContentHash, unchanged.Lessons));

        // A follow-up is still raised after sign-off: it is not part of the signed content.
        var followUp = await mssp.PostFormAsync(page, $"{page}/ActionItem", new() { ["Title"] = "Review patch SLAs", ["DueOn"] = "2026-11-15" });
        Assert.Equal(HttpStatusCode.Redirect, followUp.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(ActionItemOrigin.Retrospective, await db.ActionItems.Where(a => a.RetrospectiveId == id).Select(a => a.Origin).SingleAsync());
    }

    [Fact]
    public async Task The_PDF_prints_the_pack_the_hash_and_the_signatures()
    {
        var tenant = await TestTenant.CreateAsync(factory, "p");
        await RetrospectiveSeed.QuarterAsync(factory, tenant);
        var id = (await AssembleAsync(tenant.Id)).RetrospectiveId!.Value;
        var customer = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        await SignAsync(customer, id);
        var hash = (await RetrospectiveAsync(id)).ContentHash;

        var response = await customer.GetAsync($"/Retrospectives/{id}/Pdf");
        var (pages, text) = PdfText.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.True(pages >= 1);
        Assert.Contains("Quarterly retrospective Q3 2026", text, StringComparison.Ordinal);
        Assert.Contains("2 incidents, 60 minutes of interruption", text, StringComparison.Ordinal);
        Assert.Contains(hash, text, StringComparison.Ordinal);
        Assert.Contains("Cleo Customer", text, StringComparison.Ordinal);
        Assert.Contains("Partly signed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_tenant_A_gets_404_for_tenant_B_retrospective_its_PDF_and_its_POSTs()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var id = b.RowIds[typeof(Retrospective)];
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Retrospectives");

        var details = await client.GetAsync($"/Retrospectives/{id}");
        var pdf = await client.GetAsync($"/Retrospectives/{id}/Pdf");
        var posts = new List<HttpStatusCode>();
        foreach (var action in new[] { "Sign", "Annotate", "Reassemble", "ActionItem" })
        {
            var response = await client.PostAsync($"/Retrospectives/{id}/{action}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Lessons"] = "forged", ["Title"] = "forged",
            }));
            posts.Add(response.StatusCode);
        }
        var assemble = await client.PostAsync("/Retrospectives/Assemble", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["TenantId"] = b.Id.ToString(), ["Year"] = "2026", ["Quarter"] = "2",
        }));
        var list = await client.GetStringAsync("/Retrospectives");

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.All(posts, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.NotFound, assemble.StatusCode);
        Assert.DoesNotContain(b.Marker, list, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.Retrospectives.CountAsync(r => r.TenantId == b.Id));
        Assert.Equal(0, await db.ActionItems.CountAsync(x => x.TenantId == b.Id && x.RetrospectiveId != null));
        Assert.Equal("lessons-" + b.Marker, await db.Retrospectives.Where(r => r.TenantId == b.Id).Select(r => r.Lessons).SingleAsync());
    }

    private async Task<RetrospectiveChange> AssembleAsync(Guid tenantId)
    {
        await using var scope = factory.PlatformScope(out _);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AssembleRetrospective(tenantId, 2026, 3));
    }

    private async Task<Retrospective> RetrospectiveAsync(long id)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Retrospectives.AsNoTracking().Include(r => r.Signatures).SingleAsync(r => r.Id == id);
    }

    private async Task<int> SignatureCountAsync(long id)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.RetrospectiveSignatures.CountAsync(s => s.RetrospectiveId == id);
    }

    // Signs through the page's form and returns the page shown after it (its message and status).
    private static async Task<string> SignAsync(HttpClient client, long id)
    {
        var response = await client.PostFormAsync($"/Retrospectives/{id}", $"/Retrospectives/{id}/Sign", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location!.OriginalString));
    }
}
