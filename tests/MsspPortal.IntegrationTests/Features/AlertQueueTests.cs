using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Alerts;

namespace MsspPortal.IntegrationTests.Features;

// The queue over real HTTP: each test has a tenant of its own, whose analyst sees only that tenant's alerts (plus the
// one alert TestTenant makes: rule "rule-<marker>", risk 70, High, five minutes old, no SLA).
public sealed partial class AlertQueueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record Spec(string Rule, AlertSeverity Severity, int Risk, int MinutesAgo, string? User = null, string? Host = null,
        string Techniques = "", SlaTerms? Sla = null, string Title = "");

    [Fact]
    public async Task Filters_in_the_url_are_read_from_readable_values_and_the_controls_show_them()
    {
        var tenant = await TestTenant.CreateAsync(factory, "f");
        await RaiseAsync(tenant,
            new Spec("brute", AlertSeverity.Critical, 90, 10, User: "alice", Techniques: "T1110,T1078", Title: "match-me"),
            new Spec("brute", AlertSeverity.High, 90, 10, User: "alice", Techniques: "T1110", Title: "wrong-severity"),
            new Spec("brute", AlertSeverity.Critical, 50, 10, User: "alice", Techniques: "T1110", Title: "too-low-risk"),
            new Spec("scan", AlertSeverity.Critical, 95, 10, User: "bob", Techniques: "T1046", Title: "wrong-technique"));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var html = await client.GetStringAsync($"/Alerts?status=new&severity=critical&tenant={tenant.Slug}&assignee=unassigned&risk=70-100&rule=brute&technique=t1110&q=alic&sort=time");

        Assert.Contains("match-me", html, StringComparison.Ordinal);
        foreach (var excluded in new[] { "wrong-severity", "too-low-risk", "wrong-technique", "alert-" + tenant.Marker })
        {
            Assert.DoesNotContain(excluded, html, StringComparison.Ordinal);
        }
        Assert.Contains("<option value=\"new\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"critical\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{tenant.Slug}\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"unassigned\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"time\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"risk\" id=\"f-risk\" class=\"form-control form-control-sm\" size=\"6\" placeholder=\"70-100\" value=\"70-100\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"T1110\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"brute\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"alic\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"filter-notes\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=bogus", "Ignored status=bogus")]
    [InlineData("severity=Severe", "Ignored severity=Severe")]
    [InlineData("risk=200-5", "Ignored risk=200-5")]
    [InlineData("risk=80-20", "Ignored risk=80-20")]
    [InlineData("assignee=him", "Ignored assignee=him")]
    [InlineData("technique=%3Cscript%3E", "Ignored technique=&lt;script&gt;")]
    [InlineData("from=yesterday", "Ignored from=yesterday")]
    [InlineData("sort=random", "Ignored sort=random")]
    [InlineData("group=weather", "Ignored group=weather")]
    [InlineData("after=garbage", "Ignored after=garbage")]
    [InlineData("tenant=no-such-tenant", "Ignored tenant=no-such-tenant")]
    [InlineData("status=3", "Ignored status=3")]
    public async Task An_invalid_filter_value_is_ignored_with_a_visible_note_never_a_500(string query, string note)
    {
        var tenant = await TestTenant.CreateAsync(factory, "i");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.GetAsync("/Alerts?" + query);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"filter-notes\"", html, StringComparison.Ordinal);
        Assert.Contains(note, html, StringComparison.Ordinal);
        // The rest of the queue still works: the tenant's own alert is listed.
        Assert.Contains("alert-" + tenant.Marker, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_outside_the_analysts_scope_is_ignored_not_shown()
    {
        var mine = await TestTenant.CreateAsync(factory, "m");
        var theirs = await TestTenant.CreateAsync(factory, "t");
        var client = await factory.SignInAsync(mine.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var html = await client.GetStringAsync($"/Alerts?tenant={theirs.Slug}");

        Assert.Contains($"Ignored tenant={theirs.Slug}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert-" + theirs.Marker, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("risk")]
    [InlineData("time")]
    [InlineData("sla")]
    public async Task Keyset_pages_on_each_sort_have_no_duplicates_and_no_gaps_and_keep_the_order(string sort)
    {
        var tenant = await TestTenant.CreateAsync(factory, "k" + sort[0]);
        // 130 open alerts with many ties in every sort key (risk in steps of 10, minutes in steps of 7, a third without
        // an SLA) and 20 resolved ones the default (open) queue must skip.
        var specs = Enumerable.Range(0, 150).Select(i => new Spec("r" + (i % 4), AlertSeverity.Medium, i * 37 % 11 * 10, i % 9 * 7,
            Sla: i % 3 == 0 ? null : new SlaTerms(30 + i % 5 * 10, 600), Title: $"page-{i}")).ToList();
        var ids = await RaiseAsync(tenant, [.. specs]);
        await using (var scope = factory.PlatformScope(out var db))
        {
            foreach (var alert in await db.Alerts.Where(a => ids.Take(20).Contains(a.Id)).ToListAsync())
            {
                alert.Resolve(AlertDisposition.BenignTruePositive, "test", null, DateTimeOffset.UtcNow);
            }
            await db.SaveChangesAsync();
        }
        List<(long Id, int Risk, long Detected, long? Due)> expected;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var open = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.Status != AlertStatus.Resolved)
                .Select(a => new { a.Id, a.RiskScore, a.DetectedAt, a.Status, a.AcknowledgeDueAt, a.ResolveDueAt }).ToListAsync();
            var rows = open.Select(a => (Id: a.Id, Risk: a.RiskScore, Detected: a.DetectedAt.UtcTicks,
                Due: (a.Status == AlertStatus.New ? a.AcknowledgeDueAt : a.ResolveDueAt)?.UtcTicks));
            expected = sort switch
            {
                "risk" => [.. rows.OrderByDescending(r => r.Risk).ThenByDescending(r => r.Id)],
                "time" => [.. rows.OrderByDescending(r => r.Detected).ThenByDescending(r => r.Id)],
                _ => [.. rows.OrderBy(r => r.Due is null).ThenBy(r => r.Due).ThenBy(r => r.Id)],
            };
        }
        Assert.Equal(131, expected.Count);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var seen = new List<long>();
        var url = $"/Alerts?sort={sort}";
        var pages = 0;
        while (url is not null && pages++ < 10)
        {
            var html = await client.GetStringAsync(url);
            seen.AddRange(RowIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            var next = NextPage().Match(html);
            url = next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
            if (url is not null)
            {
                // Risk is the default sort, which the URL leaves out.
                Assert.Equal(sort != "risk", url.Contains($"sort={sort}", StringComparison.Ordinal));
                Assert.Contains("after=", url, StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(expected.Select(e => e.Id), seen);
    }

    [Fact]
    public async Task Saved_views_are_private_or_shared_and_the_default_opens_on_a_bare_queue()
    {
        var a = await TestTenant.CreateAsync(factory, "va");
        var b = await TestTenant.CreateAsync(factory, "vb");
        var alice = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var bob = await factory.SignInAsync(b.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var privateName = "private-" + a.Marker;
        var sharedName = "shared-" + a.Marker;

        var saved = await alice.PostFormAsync("/Alerts?status=open", "/Alerts/SaveView", new()
        {
            ["Name"] = privateName, ["Query"] = "severity=critical&status=new&sort=time&after=xyz", ["IsDefault"] = "true",
        });
        await alice.PostFormAsync("/Alerts?status=open", "/Alerts/SaveView", new() { ["Name"] = sharedName, ["Query"] = "?assignee=me", ["Shared"] = "true" });
        var bare = await alice.GetAsync("/Alerts");
        var aliceQueue = await alice.GetStringAsync("/Alerts?status=open");
        var bobQueue = await bob.GetStringAsync("/Alerts");
        var bobBare = await bob.GetAsync("/Alerts");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // Stored in the queue's own order and readable form; a page cursor is never part of a view.
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/Alerts?status=new&severity=critical&sort=time", bare.Headers.Location!.OriginalString);
        Assert.Contains(privateName, aliceQueue, StringComparison.Ordinal);
        Assert.Contains(sharedName, aliceQueue, StringComparison.Ordinal);
        Assert.Contains(sharedName, bobQueue, StringComparison.Ordinal);
        Assert.Contains("href=\"/Alerts?assignee=me\"", bobQueue, StringComparison.Ordinal);
        Assert.DoesNotContain(privateName, bobQueue, StringComparison.Ordinal);
        // Bob has no default of his own; Alice's default is hers.
        Assert.Equal(HttpStatusCode.OK, bobBare.StatusCode);

        // A new default replaces the old one: one per user.
        await alice.PostFormAsync("/Alerts?status=open", "/Alerts/SaveView", new() { ["Name"] = "second", ["Query"] = "group=rule", ["IsDefault"] = "true" });
        Assert.Equal("/Alerts?group=rule", (await alice.GetAsync("/Alerts")).Headers.Location!.OriginalString);
        await using var scope = factory.PlatformScope(out var db);
        var aliceId = await db.Users.Where(u => u.Email == a.UserEmails[PortalRole.Analyst]).Select(u => u.Id).SingleAsync();
        Assert.Equal(1, await db.SavedViews.CountAsync(v => v.OwnerId == aliceId && v.IsDefault));
    }

    [Theory]
    [InlineData("rule")]
    [InlineData("entity")]
    public async Task Groups_count_what_matches_and_link_to_the_filtered_queue(string group)
    {
        var tenant = await TestTenant.CreateAsync(factory, "g" + group[0]);
        var specs = new List<Spec>();
        // rule-a: 5 (alice 3, bob 2); rule-b: 3 (alice 1, host web1 2); plus one Low rule-a alert the severity filter drops.
        specs.AddRange(Enumerable.Repeat(new Spec("rule-a", AlertSeverity.High, 50, 5, User: "alice"), 3));
        specs.AddRange(Enumerable.Repeat(new Spec("rule-a", AlertSeverity.High, 50, 5, User: "bob"), 2));
        specs.Add(new Spec("rule-b", AlertSeverity.High, 50, 5, User: "alice"));
        specs.AddRange(Enumerable.Repeat(new Spec("rule-b", AlertSeverity.High, 50, 5, Host: "web1"), 2));
        specs.Add(new Spec("rule-a", AlertSeverity.Low, 50, 5, User: "alice"));
        await RaiseAsync(tenant, [.. specs]);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var html = await client.GetStringAsync($"/Alerts?severity=high&group={group}");
        var counts = GroupRows().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        // The tenant's own fixture alert is High too: rule "rule-<marker>", user "user-<marker>".
        var expected = group == "rule"
            ? new Dictionary<string, int> { ["rule-a"] = 5, ["rule-b"] = 3, ["rule-" + tenant.Marker] = 1 }
            : new Dictionary<string, int> { ["alice"] = 4, ["bob"] = 2, ["web1"] = 2, ["user-" + tenant.Marker] = 1 };
        Assert.Equal(expected.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));
        var link = group == "rule" ? "href=\"/Alerts?severity=high&amp;rule=rule-a\"" : "href=\"/Alerts?severity=high&amp;entity=alice\"";
        Assert.Contains(link, html, StringComparison.Ordinal);
        var filtered = await client.GetStringAsync(WebUtility.HtmlDecode(link[6..^1]));
        Assert.Equal(group == "rule" ? 5 : 4, RowIds().Count(filtered));
    }

    [Fact]
    public async Task Bulk_on_everything_matching_is_refused_when_the_count_grew_past_the_confirmed_one()
    {
        var tenant = await TestTenant.CreateAsync(factory, "b");
        await RaiseAsync(tenant, [.. Enumerable.Repeat(new Spec("noisy", AlertSeverity.Low, 20, 5), 3)]);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var fields = new Dictionary<string, string>
        {
            ["query"] = "rule=noisy", ["verb"] = "Resolve", ["disposition"] = "FalsePositive", ["reason"] = "scanner we run", ["expected"] = "2",
        };

        var stale = await client.PostFormAsync("/Alerts", "/Alerts/Bulk", new(fields));
        var refusal = await client.GetStringAsync(stale.Headers.Location!.OriginalString);
        var stillOpen = await CountAsync(tenant, "noisy", AlertStatus.New);
        fields["expected"] = "3";
        var confirmed = await client.PostFormAsync("/Alerts", "/Alerts/Bulk", new(fields));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("3 alerts match the filter now, but you confirmed 2", refusal, StringComparison.Ordinal);
        Assert.Equal(3, stillOpen);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(0, await CountAsync(tenant, "noisy", AlertStatus.New));
        await using var scope = factory.PlatformScope(out var db);
        var resolved = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.RuleId == "noisy").ToListAsync();
        Assert.All(resolved, a => Assert.Equal((AlertStatus.Resolved, AlertDisposition.FalsePositive, "scanner we run"), (a.Status, a.Disposition, a.DispositionReason)));
        Assert.Equal(3, await db.AlertHistory.CountAsync(h => h.TenantId == tenant.Id && h.Field == "Disposition" && h.To == "FalsePositive"));
        // The fixture alert of another rule was not touched.
        Assert.Equal(1, await db.Alerts.CountAsync(a => a.TenantId == tenant.Id && a.RuleId != "noisy" && a.Status == AlertStatus.New));
    }

    [Fact]
    public async Task Bulk_on_checked_alerts_answers_a_keyboard_request_with_json()
    {
        var tenant = await TestTenant.CreateAsync(factory, "j");
        var ids = await RaiseAsync(tenant, new Spec("kb", AlertSeverity.Medium, 40, 5), new Spec("kb", AlertSeverity.Medium, 40, 5));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await client.AntiforgeryTokenAsync("/Alerts");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Alerts/Bulk")
        {
            Content = new FormUrlEncodedContent([new("ids", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)), new("verb", "AssignToMe"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Accept.ParseAdd("application/json");

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"changed\":1", body, StringComparison.Ordinal);
        var html = await client.GetStringAsync("/Alerts?assignee=me");
        Assert.Equal([ids[0]], RowIds().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("Analyst " + tenant.Marker, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Newer_alerts_are_counted_for_the_banner_as_text()
    {
        var tenant = await TestTenant.CreateAsync(factory, "n");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var html = await client.GetStringAsync("/Alerts?severity=critical");
        var since = Regex.Match(html, "data-since=\"(\\d+)\"").Groups[1].Value;
        await RaiseAsync(tenant, new Spec("x", AlertSeverity.Critical, 90, 0, Title: "<img src=x onerror=alert(1)>"), new Spec("x", AlertSeverity.Low, 10, 0));

        var json = await client.GetStringAsync($"/Alerts/Newer?severity=critical&since={since}");

        Assert.Contains("\"count\":1", json, StringComparison.Ordinal);
        // JSON-escaped, and the page writes it with textContent.
        Assert.Contains("\\u003Cimg src=x onerror=alert(1)\\u003E", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenant_switcher_writes_the_tenant_into_the_queue_url()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/Alerts", "/Tenants/Switch", new()
        {
            ["tenantId"] = tenant.Id.ToString(), ["returnUrl"] = "/Alerts?status=new&tenant=old&after=abc", ["tenantInUrl"] = "true",
        });

        Assert.Equal($"/Alerts?status=new&tenant={tenant.Slug}", response.Headers.Location!.OriginalString);
    }

    private async Task<int> CountAsync(TestTenant tenant, string rule, AlertStatus status)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Alerts.CountAsync(a => a.TenantId == tenant.Id && a.RuleId == rule && a.Status == status);
    }

    [Fact]
    public async Task Free_text_finds_a_rare_term_through_the_text_index_and_a_common_one_by_scanning_both_case_insensitively()
    {
        var tenant = await TestTenant.CreateAsync(factory, "txt");
        var marker = tenant.Marker;
        // 2,001 alerts share the common word: more than the text index answers for, so that path is the LIKE scan.
        var specs = Enumerable.Range(0, 2001).Select(i => new Spec("common", AlertSeverity.Low, 10 + (i % 50), 5, Title: $"Noisy{marker} scan {i}")).ToList();
        specs.Add(new Spec("rare", AlertSeverity.High, 80, 5, User: $"Zed.{marker}@bank.example", Title: "Rare one"));
        specs.Add(new Spec("rare", AlertSeverity.High, 70, 5, Host: $"db-{marker}-01", Title: "Rare two"));
        await RaiseAsync(tenant, [.. specs]);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var rare = RowIds().Count(await client.GetStringAsync($"/Alerts?q=ZED.{marker.ToUpperInvariant()}"));
        var host = RowIds().Count(await client.GetStringAsync($"/Alerts?q={marker}-01"));
        var common = await client.GetStringAsync($"/Alerts?q=noisy{marker}&sort=risk");
        var scanned = RowIds().Count(common);

        Assert.Equal((1, 1), (rare, host));
        Assert.Equal(AlertQueue.PageSize, scanned);
        Assert.Matches("id=\"next-page\"", common);
        await using var scope = factory.PlatformScope(out var db);
        var triggers = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Alerts'").ToListAsync();
        Assert.Equal(["Alerts_Search_Delete", "Alerts_Search_Insert", "Alerts_Search_Update"], triggers.Order());
    }

    private async Task<List<long>> RaiseAsync(TestTenant tenant, params Spec[] specs)
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = DateTimeOffset.UtcNow;
        var alerts = specs.Select((s, i) => Alert.Raise(tenant.Id, s.Rule, s.Title.Length > 0 ? s.Title : $"{s.Rule}-{i}", s.Severity, s.Risk,
            now.AddMinutes(-s.MinutesAgo), new AlertFacts { UserName = s.User, HostName = s.Host, Techniques = s.Techniques, Sla = s.Sla })).ToList();
        db.Alerts.AddRange(alerts);
        await db.SaveChangesAsync();
        return [.. alerts.Select(a => a.Id)];
    }

    [GeneratedRegex("<tr data-id=\"(\\d+)\"")]
    private static partial Regex RowIds();

    [GeneratedRegex("id=\"next-page\" href=\"([^\"]+)\"")]
    private static partial Regex NextPage();

    [GeneratedRegex("<tr data-group=\"([^\"]*)\">.*?class=\"text-end group-count\">(\\d+)</td>", RegexOptions.Singleline)]
    private static partial Regex GroupRows();
}
