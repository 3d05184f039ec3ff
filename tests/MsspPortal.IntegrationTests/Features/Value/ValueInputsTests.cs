using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.IntegrationTests.Features.Value;

// The value model's inputs as people edit them: the business profile, the versioned assumptions and their approval,
// and the figures the tenant reports in the portal or through the API. Each test has its own tenant.
public sealed class ValueInputsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_business_owner_edits_the_profile_and_reads_it_back_in_the_tenants_currency()
    {
        var tenant = await TestTenant.CreateAsync(factory, "pe");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var response = await client.PostFormAsync($"/Value/Profile/Edit?tenantId={tenant.Id}", "/Value/Profile/Edit", new()
        {
            ["TenantId"] = tenant.Id.ToString(),
            ["CustomerStaffHourlyCost"] = "65.5",
            ["AverageFraudLoss"] = "85",
            ["InterruptionHoursPerMonth"] = "8",
            ["FraudRatePercent"] = "0.8",
            ["ComplianceAuditDays"] = "10",
            ["AnnualRevenue"] = "312000000",
            ["MeasuredOn"] = "2026-04-20",
            ["Source"] = "Stated by the business owner in the onboarding workshop",
        });
        var page = await client.GetStringAsync($"/Value/Profile?tenantId={tenant.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var profile = await db.BusinessProfiles.SingleAsync(p => p.TenantId == tenant.Id);
        Assert.Equal((65.5m, 85m), (profile.CustomerStaffHourlyCost, profile.AverageFraudLoss));
        Assert.Equal((8m, 0.8m, 10m, 312_000_000m), (profile.Baseline.InterruptionHoursPerMonth, profile.Baseline.FraudRatePercent, profile.Baseline.ComplianceAuditDays, profile.Baseline.AnnualRevenue));
        Assert.Null(profile.Baseline.IncidentsPerMonth);
        Assert.Equal(new DateOnly(2026, 4, 20), profile.Baseline.MeasuredOn);
        Assert.Contains("65.5 EUR", page, StringComparison.Ordinal);
        Assert.Contains("312,000,000 EUR", page, StringComparison.Ordinal);
        Assert.Contains("0.8 %", page, StringComparison.Ordinal);
        Assert.Contains("2026-04-20", page, StringComparison.Ordinal);
        Assert.Contains("onboarding workshop", page, StringComparison.Ordinal);
        // The business services' money fields, with the link to where they are edited.
        Assert.Contains($"svc-{tenant.Marker}", page, StringComparison.Ordinal);
        Assert.Contains("1,000 EUR", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Assets/Services\"", page, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id && e.Action == "business-profile.updated"));

        // The edit form opens on what was saved.
        var form = await client.GetStringAsync($"/Value/Profile/Edit?tenantId={tenant.Id}");
        Assert.Contains("value=\"312000000\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-04-20\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_profile_form_keeps_what_was_typed_and_names_each_problem()
    {
        var tenant = await TestTenant.CreateAsync(factory, "pr");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync($"/Value/Profile/Edit?tenantId={tenant.Id}", "/Value/Profile/Edit", new()
        {
            ["TenantId"] = tenant.Id.ToString(),
            ["CustomerStaffHourlyCost"] = "70",
            ["AverageFraudLoss"] = "abc",
            ["FraudRatePercent"] = "150",
            ["CustomerStaffHoursPerMonth"] = "160",
            ["Source"] = "Told by <b>Nora</b>",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"150\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"abc\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"160\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Told by &lt;b&gt;Nora&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("A fraud rate is a percentage between 0 and 100.", html, StringComparison.Ordinal);
        Assert.Contains("Say when the baseline was measured.", html, StringComparison.Ordinal);
        Assert.Contains("AverageFraudLoss", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.BusinessProfiles.AnyAsync(p => p.TenantId == tenant.Id));
    }

    [Fact]
    public async Task Revising_an_input_makes_the_next_version_and_keeps_the_earlier_ones_as_they_were()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rv");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var formPage = $"/Value/Assumptions/Revise?tenantId={tenant.Id}&key=response-cost";
        Dictionary<string, string> Revision(int basedOn, string min) => new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["BasedOnVersion"] = basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Key"] = "response-cost",
            ["Distribution"] = "Pert", ["Min"] = min, ["MostLikely"] = "20000", ["Max"] = "90000", ["Source"] = "Incident costs of the last two years",
            ["SourceYear"] = "2025", ["Note"] = "Calibrated on the tenant's own incidents",
        };

        var first = await client.PostFormAsync(formPage, "/Value/Assumptions/Revise", Revision(0, "5000"));
        // Revising again from the page of the defaults (version 0) is a stale page now: refused, nothing written.
        var stale = await client.PostFormAsync(formPage, "/Value/Assumptions/Revise", Revision(0, "6000"));
        var staleHtml = await stale.Content.ReadAsStringAsync();
        var second = await client.PostFormAsync(formPage, "/Value/Assumptions/Revise", Revision(2, "7000"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone saved a newer version meanwhile", staleHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"6000\"", staleHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var sets = await db.ValueAssumptionSets.Include(s => s.Assumptions).Where(s => s.TenantId == tenant.Id).ToListAsync();
        Assert.Equal([1, 2, 3], sets.Select(s => s.Version).Order());
        var byVersion = sets.ToDictionary(s => s.Version, s => s.Find("response-cost")!);
        // Version 1 is the MSSP defaults in euros, untouched: PERT 2,000 / 15,000 / 100,000.
        Assert.Equal((AssumptionDistribution.Pert, 2_000m, 15_000m, 100_000m), (byVersion[1].Distribution, byVersion[1].Min, byVersion[1].MostLikely, byVersion[1].Max));
        Assert.Equal((AssumptionDistribution.Pert, 5_000m, 20_000m, 90_000m), (byVersion[2].Distribution, byVersion[2].Min, byVersion[2].MostLikely, byVersion[2].Max));
        Assert.Equal(7_000m, byVersion[3].Min);
        Assert.All(byVersion.Values, a => Assert.True(a.IsMsspDefault));
        Assert.Equal(2025, byVersion[3].SourceYear);
        // Every version carries every input.
        Assert.All(sets, s => Assert.Equal(sets[0].Assumptions.Count, s.Assumptions.Count));

        var page = await client.GetStringAsync($"/Value/Assumptions?tenantId={tenant.Id}");
        var older = await client.GetStringAsync($"/Value/Assumptions?tenantId={tenant.Id}&version=1");
        Assert.Contains("Version <strong>3</strong> (in force)", page, StringComparison.Ordinal);
        Assert.Contains("version=1", page, StringComparison.Ordinal);
        Assert.Contains("Calibrated on the tenant", page, StringComparison.Ordinal);
        Assert.Contains("version 3 is in force", older, StringComparison.Ordinal);
        Assert.Contains("2,000 EUR", older, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_committee_member_approves_one_input_then_the_whole_set_each_as_a_new_version()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ap");
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var page = $"/Value/Assumptions?tenantId={tenant.Id}";

        var one = await member.PostFormAsync(page, "/Value/Assumptions/Approve", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Version"] = "0", ["Key"] = "downtime-hours",
        });
        var all = await member.PostFormAsync(page, "/Value/Assumptions/Approve", new() { ["TenantId"] = tenant.Id.ToString(), ["Version"] = "2" });
        var again = await member.PostFormAsync(page, "/Value/Assumptions/Approve", new() { ["TenantId"] = tenant.Id.ToString(), ["Version"] = "2" });
        var byOwner = await owner.PostFormAsync(page, "/Value/Assumptions/Approve", new() { ["TenantId"] = tenant.Id.ToString(), ["Version"] = "3" });

        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Only the version in force can be approved", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var memberId = await db.Users.Where(u => u.Email == tenant.UserEmails[PortalRole.CommitteeMember]).Select(u => u.Id).SingleAsync();
        var sets = (await db.ValueAssumptionSets.Include(s => s.Assumptions).Where(s => s.TenantId == tenant.Id).ToListAsync()).ToDictionary(s => s.Version);
        Assert.Equal([1, 2, 3], sets.Keys.Order());
        Assert.All(sets[1].Assumptions, a => Assert.Null(a.ApprovedBy));
        Assert.Equal(memberId, sets[2].Find("downtime-hours")!.ApprovedBy);
        Assert.NotNull(sets[2].Find("downtime-hours")!.ApprovedAt);
        Assert.Single(sets[2].Assumptions, a => !a.IsMsspDefault);
        Assert.All(sets[3].Assumptions, a => Assert.Equal(memberId, a.ApprovedBy));
        // The input approved first keeps its first approval.
        Assert.Equal(sets[2].Find("downtime-hours")!.ApprovedAt, sets[3].Find("downtime-hours")!.ApprovedAt);

        var html = await member.GetStringAsync(page);
        Assert.Contains($"CommitteeMember {tenant.Marker}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MSSP default</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("approve-all", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monthly_figures_are_entered_and_only_the_business_owner_confirms_causality()
    {
        var tenant = await TestTenant.CreateAsync(factory, "mf");
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = $"/Value/Figures?tenantId={tenant.Id}";

        var byOwner = await owner.PostFormAsync(page, "/Value/Figures", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Month"] = "2026-10", ["Revenue"] = "2500000", ["SecurityStaffHours"] = "90",
            ["Note"] = "Monthly sales report", ["CausalityConfirmed"] = "true",
        });
        var byAnalyst = await analyst.PostFormAsync(page, "/Value/Figures", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Month"] = "2026-09", ["Revenue"] = "2400000", ["CausalityConfirmed"] = "true",
        });
        var analystHtml = await byAnalyst.Content.ReadAsStringAsync();
        var rejected = await analyst.PostFormAsync(page, "/Value/Figures", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Month"] = "October", ["ConversionRatePercent"] = "140",
        });
        var rejectedHtml = await rejected.Content.ReadAsStringAsync();
        var restated = await analyst.PostFormAsync(page, "/Value/Figures", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Month"] = "2026-10", ["Revenue"] = "2600000",
        });

        Assert.Equal(HttpStatusCode.Redirect, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAnalyst.StatusCode);
        Assert.Contains("Only the tenant&#x27;s business owner can confirm", analystHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2400000\"", analystHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains("Choose the month, as 2026-10.", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("A rate is a percentage between 0 and 100.", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"140\"", rejectedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, restated.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var ownerId = await db.Users.Where(u => u.Email == tenant.UserEmails[PortalRole.BusinessOwner]).Select(u => u.Id).SingleAsync();
        var figures = await db.ReportedFigures.Where(f => f.TenantId == tenant.Id).ToListAsync();
        Assert.Equal(2, figures.Count);
        var revenue = figures.Single(f => f.Metric == ReportedMetric.Revenue);
        Assert.Equal((new DateOnly(2026, 10, 1), 2_600_000m, ReportedFigureChannel.Portal), (revenue.Month, revenue.Value, revenue.Channel));
        Assert.Equal(ownerId, figures.Single(f => f.Metric == ReportedMetric.SecurityStaffHours).CausalityConfirmedBy);

        var list = await owner.GetStringAsync(page);
        Assert.Contains("2,600,000 EUR", list, StringComparison.Ordinal);
        Assert.Contains("90 h", list, StringComparison.Ordinal);
        Assert.Contains("We confirm security caused this change", list, StringComparison.Ordinal);
        Assert.DoesNotContain("We confirm security caused this change", await analyst.GetStringAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_takes_a_figure_with_the_tenants_key_refuses_bad_input_with_400_and_another_tenants_key_with_403()
    {
        var a = await TestTenant.CreateAsync(factory, "ka");
        var b = await TestTenant.CreateAsync(factory, "kb");
        var key = await AddKeyAsync(a);
        using var client = factory.CreateClient();

        var ok = await PostAsync(client, key, $$"""{"tenant":"{{a.Slug}}","metric":"revenue","month":"2026-10","value":2500000.5,"note":"ERP export"}""");
        var okBody = await ok.Content.ReadAsStringAsync();
        var badMetric = await PostAsync(client, key, $$"""{"tenant":"{{a.Slug}}","metric":"profit","month":"2026-10","value":1}""");
        var badMonth = await PostAsync(client, key, $$"""{"tenant":"{{a.Slug}}","metric":"Revenue","month":"2026-13","value":1}""");
        var badValue = await PostAsync(client, key, $$"""{"tenant":"{{a.Slug}}","metric":"RetentionPercent","month":"2026-10","value":101}""");
        var notJson = await PostAsync(client, key, "tenant=x");
        var noValue = await PostAsync(client, key, $$"""{"tenant":"{{a.Slug}}","metric":"Revenue","month":"2026-10"}""");
        var otherTenant = await PostAsync(client, key, $$"""{"tenant":"{{b.Slug}}","metric":"Revenue","month":"2026-10","value":1}""");
        var noKey = await PostAsync(client, null, $$"""{"tenant":"{{a.Slug}}","metric":"Revenue","month":"2026-10","value":1}""");
        var wrongKey = await PostAsync(client, "msk_" + new string('0', 48), $$"""{"tenant":"{{a.Slug}}","metric":"Revenue","month":"2026-10","value":1}""");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("\"channel\":\"Api\"", okBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMetric.StatusCode);
        Assert.Contains("Unknown metric", await badMetric.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("write it as 2026-10", await badMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Contains("A rate is a percentage between 0 and 100.", await badValue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noValue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTenant.StatusCode);
        Assert.Contains("another tenant", await otherTenant.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var figure = await db.ReportedFigures.SingleAsync(f => f.TenantId == a.Id);
        Assert.Equal((ReportedMetric.Revenue, new DateOnly(2026, 10, 1), 2_500_000.5m, ReportedFigureChannel.Api, "ERP export"),
            (figure.Metric, figure.Month, figure.Value, figure.Channel, figure.Note));
        Assert.StartsWith("api:", figure.ReportedBy, StringComparison.Ordinal);
        Assert.Null(figure.CausalityConfirmedBy);
        Assert.False(await db.ReportedFigures.AnyAsync(f => f.TenantId == b.Id));
    }

    [Fact]
    public async Task A_user_of_tenant_A_gets_404_for_tenant_Bs_value_inputs_and_writes_nothing_there()
    {
        var a = await TestTenant.CreateAsync(factory, "ia");
        var b = await TestTenant.CreateAsync(factory, "ib");
        foreach (var role in new[] { PortalRole.Analyst, PortalRole.BusinessOwner, PortalRole.CommitteeMember, PortalRole.Auditor })
        {
            var client = await factory.SignInAsync(a.UserEmails[role], TestTenant.Password);
            foreach (var url in new[] { "/Value/Profile", "/Value/Profile/Edit", "/Value/Assumptions", "/Value/Assumptions/Revise", "/Value/Figures" })
            {
                var response = await client.GetAsync($"{url}?tenantId={b.Id}&key=response-cost");
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{role} got {(int)response.StatusCode} at {url} of tenant B");
                Assert.DoesNotContain(b.Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            var forms = new (string Action, Dictionary<string, string> Fields)[]
            {
                ("/Value/Profile/Edit", new() { ["TenantId"] = b.Id.ToString(), ["CustomerStaffHourlyCost"] = "1", ["AverageFraudLoss"] = "1" }),
                ("/Value/Assumptions/Adopt", new() { ["TenantId"] = b.Id.ToString() }),
                ("/Value/Assumptions/Revise", new() { ["TenantId"] = b.Id.ToString(), ["Key"] = "response-cost", ["Distribution"] = "Pert", ["Min"] = "1", ["MostLikely"] = "2", ["Max"] = "3", ["Source"] = "x", ["SourceYear"] = "2025" }),
                ("/Value/Assumptions/Approve", new() { ["TenantId"] = b.Id.ToString(), ["Version"] = "0" }),
                ("/Value/Figures", new() { ["TenantId"] = b.Id.ToString(), ["Month"] = "2026-10", ["Revenue"] = "1" }),
            };
            foreach (var (action, fields) in forms)
            {
                var response = await client.PostFormAsync("/Account/AccessDenied", action, fields);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{role} got {(int)response.StatusCode} posting {action} for tenant B");
            }
        }

        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.BusinessProfiles.AnyAsync(p => p.TenantId == b.Id));
        Assert.False(await db.ValueAssumptionSets.AnyAsync(s => s.TenantId == b.Id));
        Assert.False(await db.ReportedFigures.AnyAsync(f => f.TenantId == b.Id));
    }

    [Fact]
    public async Task Readers_see_the_inputs_without_the_actions_their_role_may_not_take()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ro");
        var auditor = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var profile = await auditor.GetStringAsync("/Value/Profile");
        var assumptions = await auditor.GetStringAsync("/Value/Assumptions");
        var figures = await auditor.GetStringAsync("/Value/Figures");
        var memberAssumptions = await member.GetStringAsync("/Value/Assumptions");
        var analystAssumptions = await analyst.GetStringAsync("/Value/Assumptions");

        Assert.Contains("Business profile of", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("/Value/Profile/Edit", profile, StringComparison.Ordinal);
        Assert.Contains("MSSP default", assumptions, StringComparison.Ordinal);
        Assert.DoesNotContain("/Value/Assumptions/Revise", assumptions, StringComparison.Ordinal);
        Assert.DoesNotContain("/Value/Assumptions/Approve", assumptions, StringComparison.Ordinal);
        Assert.DoesNotContain("figures-form", figures, StringComparison.Ordinal);
        Assert.Contains("/Value/Assumptions/Approve", memberAssumptions, StringComparison.Ordinal);
        Assert.DoesNotContain("/Value/Assumptions/Revise", memberAssumptions, StringComparison.Ordinal);
        Assert.Contains("/Value/Assumptions/Revise", analystAssumptions, StringComparison.Ordinal);
        // Every form a browser posts carries its own anti-forgery token (a plain action= form gets none by default).
        foreach (var html in new[] { memberAssumptions, analystAssumptions, await analyst.GetStringAsync("/Value/Figures"), await analyst.GetStringAsync("/Value/Profile/Edit") })
        {
            Assert.Equal(Regex.Count(html, "<form method=\"post\""), Regex.Count(html, "<form method=\"post\"(?:(?!</form>).)*?__RequestVerificationToken", RegexOptions.Singleline));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Value/Profile/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/Value/Assumptions/Revise?key=response-cost")).StatusCode);
    }

    private async Task<string> AddKeyAsync(TestTenant tenant)
    {
        var (key, prefix, hash) = ApiKeyHasher.Create();
        await using var scope = factory.PlatformScope(out var db);
        db.LogSources.Add(new LogSource(tenant.Id, prefix, hash) { Name = "erp-" + tenant.Marker[..6], Vendor = "V", Product = "ERP", ExpectedFormat = MsspPortal.Core.Events.LogFormat.Json });
        await db.SaveChangesAsync();
        return key;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/value/reported-figures")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await client.SendAsync(request);
    }
}
