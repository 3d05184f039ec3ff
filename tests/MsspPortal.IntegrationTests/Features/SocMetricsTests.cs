using Microsoft.EntityFrameworkCore;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Soc;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features;

// A small fixture whose figures are summed by hand (in the comments), read back through the handler on a fake clock
// and through the page.
public sealed class SocMetricsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset T = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly SlaTerms Critical = new(15, 240);

    [Fact]
    public async Task Times_sla_attainment_analysts_and_false_positive_rates_match_the_hand_sums()
    {
        var tenant = await SeedAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var handler = new GetSocMetricsHandler(db, new FakeTimeProvider(T.AddDays(1)));

        var model = await handler.Handle(new GetSocMetrics(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null), CancellationToken.None);

        var critical = model.Scopes[0].Severities.Single(s => s.Severity == AlertSeverity.Critical);
        Assert.Equal(4, critical.Alerts);
        // Detect: 4, 2, 10, 0 min -> sorted 0 2 4 10: median (2nd) 2, P90 (4th) 10.
        Assert.Equal((4, 2.0, 10.0), (critical.Detect.Count, critical.Detect.MedianMinutes!.Value, critical.Detect.P90Minutes!.Value));
        // Acknowledge: 10, 5, 20 -> median 10, P90 20.
        Assert.Equal((3, 10.0, 20.0), (critical.Acknowledge.Count, critical.Acknowledge.MedianMinutes!.Value, critical.Acknowledge.P90Minutes!.Value));
        // Resolve: 100, 400, 300 -> median 300, P90 400.
        Assert.Equal((3, 300.0, 400.0), (critical.Resolve.Count, critical.Resolve.MedianMinutes!.Value, critical.Resolve.P90Minutes!.Value));
        // Ack in 15: c1 (10) and c2 (5) met, c3 (20) late, c4 never and past due -> 2 of 4.
        Assert.Equal((4, 2), (critical.AcknowledgeSla.Decided, critical.AcknowledgeSla.Met));
        // Resolve in 240: c1 (100) met; c2 (400) met only because 300 min waiting on the customer moved its deadline to 540;
        // c3 (300) late; c4 open past due -> 2 of 4.
        Assert.Equal((4, 2), (critical.ResolveSla.Decided, critical.ResolveSla.Met));
        var high = model.Scopes[0].Severities.Single(s => s.Severity == AlertSeverity.High);
        Assert.Equal((1, 0, 0), (high.Alerts, high.AcknowledgeSla.Decided, high.Resolve.Count));

        // Resolved in November by u1: c1, c3; by u2: c2. The October alert u1 resolved is outside the range.
        Assert.Equal([("u1", 2), ("u2", 1)], model.Analysts.Select(a => (a.UserId!, a.Resolved)));
        // r-fp: c1 false positive of 1 resolved; r-tp: c2 and c3 true positives of 2.
        Assert.Equal([("r-fp", 1, 1), ("r-tp", 2, 0)], model.Rules.Select(r => (r.RuleId, r.Resolved, r.FalsePositives)));
    }

    [Fact]
    public async Task The_page_shows_the_figures_with_links_to_the_alerts_they_count_and_charts_fed_by_data_attributes()
    {
        var tenant = await SeedAsync();
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);

        var html = await client.GetStringAsync($"/Soc?from=2026-11-01&to=2026-11-30&tenant={tenant.Slug}");

        Assert.Contains($"href=\"/Alerts?status=resolved&amp;severity=critical&amp;tenant={tenant.Slug}&amp;from=2026-11-01&amp;to=2026-11-30\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Alerts?status=resolved&amp;tenant={tenant.Slug}&amp;rule=r-fp&amp;disposition=false-positive&amp;from=2026-11-01&amp;to=2026-11-30\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Alerts?status=all&amp;severity=critical&amp;tenant={tenant.Slug}&amp;from=2026-11-01&amp;to=2026-11-30\">4</a>", html, StringComparison.Ordinal);
        Assert.Contains("5 h / 6.7 h", html, StringComparison.Ordinal);
        Assert.Contains("50 %", html, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"{", html, StringComparison.Ordinal);
        Assert.Contains("/js/soc.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html.Replace("<script src=", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_false_positive_and_per_analyst_links_list_exactly_the_alerts_their_figures_count()
    {
        var tenant = await SeedAsync();
        var analystEmail = tenant.UserEmails[PortalRole.Analyst];
        await using (var scope = factory.PlatformScope(out var db))
        {
            var analystId = await db.Users.Where(u => u.Email == analystEmail).Select(u => u.Id).SingleAsync();
            foreach (var minutes in new[] { 0, 30 })
            {
                var alert = Alert.Raise(tenant.Id, "r-mine", "soc-mine", AlertSeverity.Medium, 40, T.AddMinutes(minutes));
                alert.Resolve(AlertDisposition.TruePositive, "blocked", analystId, T.AddMinutes(minutes + 50));
                db.Alerts.Add(alert);
            }
            await db.SaveChangesAsync();
        }
        var client = await factory.SignInAsync(analystEmail, TestTenant.Password);
        var soc = await client.GetStringAsync($"/Soc?from=2026-11-01&to=2026-11-30&tenant={tenant.Slug}");

        var byAnalyst = System.Net.WebUtility.HtmlDecode(Regex.Match(soc, "href=\"(/Alerts\\?[^\"]*resolved-by=[^\"]+)\">(\\d+)</a>").Groups[1].Value);
        var falsePositives = System.Net.WebUtility.HtmlDecode(Regex.Match(soc, "href=\"(/Alerts\\?[^\"]*rule=r-fp[^\"]*disposition=false-positive[^\"]*)\"").Groups[1].Value);

        Assert.Contains("resolved-by=" + Uri.EscapeDataString(analystEmail), byAnalyst, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(await client.GetStringAsync(byAnalyst), "<tr data-id=\""));
        var fpPage = await client.GetStringAsync(falsePositives);
        Assert.Equal(1, Regex.Count(fpPage, "<tr data-id=\""));
        Assert.Contains("soc-r-fp", fpPage, StringComparison.Ordinal);
        Assert.Contains("<option value=\"false-positive\" selected=\"selected\">", fpPage, StringComparison.Ordinal);
    }

    private async Task<TestTenant> SeedAsync()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        await using var scope = factory.PlatformScope(out var db);
        Alert Raise(string rule, AlertSeverity severity, DateTimeOffset detected, int seenMinutesBefore)
        {
            var alert = Alert.Raise(tenant.Id, rule, "soc-" + rule, severity, 50, detected,
                new AlertFacts { Sla = severity == AlertSeverity.Critical ? Critical : null, FirstSeen = detected.AddMinutes(-seenMinutesBefore) });
            db.Alerts.Add(alert);
            return alert;
        }
        var c1 = Raise("r-fp", AlertSeverity.Critical, T, 4);
        c1.ChangeStatus(AlertStatus.InProgress, "u1", T.AddMinutes(10), null);
        c1.Resolve(AlertDisposition.FalsePositive, "scanner", "u1", T.AddMinutes(100));
        var t2 = T.AddHours(1);
        var c2 = Raise("r-tp", AlertSeverity.Critical, t2, 2);
        c2.ChangeStatus(AlertStatus.InProgress, "u2", t2.AddMinutes(5), null);
        c2.ChangeStatus(AlertStatus.WaitingOnCustomer, "u2", t2.AddMinutes(30), "yours?");
        c2.ChangeStatus(AlertStatus.InProgress, "u2", t2.AddMinutes(330), "no");
        c2.Resolve(AlertDisposition.TruePositive, "blocked", "u2", t2.AddMinutes(400));
        var t3 = T.AddHours(2);
        var c3 = Raise("r-tp", AlertSeverity.Critical, t3, 10);
        c3.ChangeStatus(AlertStatus.InProgress, "u1", t3.AddMinutes(20), null);
        c3.Resolve(AlertDisposition.TruePositive, "blocked", "u1", t3.AddMinutes(300));
        Raise("r-open", AlertSeverity.Critical, T.AddHours(3), 0);
        Raise("r-high", AlertSeverity.High, T, 1);
        var october = Raise("r-tp", AlertSeverity.Critical, new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero), 1);
        october.Resolve(AlertDisposition.FalsePositive, "old", "u1", october.DetectedAt.AddMinutes(30));
        await db.SaveChangesAsync();
        return tenant;
    }
}
