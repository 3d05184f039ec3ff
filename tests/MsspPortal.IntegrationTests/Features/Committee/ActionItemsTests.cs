using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee;
using MsspPortal.Web.Features.Committee.ActionItems;

namespace MsspPortal.IntegrationTests.Features.Committee;

// The action-item board through HTTP (raise, start, complete, drop; refused forms keep their input) and the burn-down
// counted by hand on a small seeded set.
public sealed class ActionItemsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_item_raised_from_an_incident_keeps_it_as_origin_and_another_tenants_incident_is_404()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ao");
        var other = await TestTenant.CreateAsync(factory, "ap");
        var incident = (long)tenant.RowIds[typeof(Incident)];
        var owner = (long)tenant.RowIds[typeof(CommitteeMember)];
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var form = await client.GetStringAsync($"/ActionItems/Create?incidentId={incident}");
        var raised = await client.PostFormAsync($"/ActionItems/Create?incidentId={incident}", "/ActionItems/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["IncidentId"] = incident.ToString(CultureInfo.InvariantCulture), ["Title"] = "Replay the incident's runbook",
            ["OwnerMemberId"] = owner.ToString(CultureInfo.InvariantCulture), ["DueOn"] = "2099-01-01",
        });
        var foreign = await client.GetAsync($"/ActionItems/Create?incidentId={other.RowIds[typeof(Incident)]}");
        var smuggled = await client.PostFormAsync($"/ActionItems/Create?incidentId={incident}", "/ActionItems/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["IncidentId"] = ((long)other.RowIds[typeof(Incident)]).ToString(CultureInfo.InvariantCulture), ["Title"] = "Smuggled",
            ["OwnerMemberId"] = owner.ToString(CultureInfo.InvariantCulture), ["DueOn"] = "2099-01-01",
        });

        Assert.Contains($"Raised from Incident #{incident}", form, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (raised.StatusCode, foreign.StatusCode, smuggled.StatusCode));
        await using var scope = factory.PlatformScope(out var db);
        var item = await db.ActionItems.SingleAsync(a => a.TenantId == tenant.Id && a.Title == "Replay the incident's runbook");
        Assert.Equal((ActionItemOrigin.Incident, (long?)incident), (item.Origin, item.IncidentId));
        Assert.False(await db.ActionItems.AnyAsync(a => a.Title == "Smuggled"));
    }

    [Fact]
    public async Task An_item_is_raised_started_completed_and_another_dropped_and_refused_forms_keep_what_was_typed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ai");
        var owner = (long)tenant.RowIds[typeof(CommitteeMember)];
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var form = $"/ActionItems/Create?tenant={tenant.Slug}";
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var refused = await client.PostFormAsync(form, "/ActionItems/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Title"] = "", ["Detail"] = "Ask the payment provider for <b>3-D Secure</b> logs", ["DueOn"] = yesterday,
        });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var raised = await client.PostFormAsync(form, "/ActionItems/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Title"] = "Review the checkout rate limits", ["OwnerMemberId"] = owner.ToString(CultureInfo.InvariantCulture), ["DueOn"] = yesterday,
        });
        var second = await client.PostFormAsync(form, "/ActionItems/Create", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Title"] = "Buy a second WAF", ["OwnerMemberId"] = owner.ToString(CultureInfo.InvariantCulture), ["DueOn"] = "2099-01-01",
        });
        long id, other;
        await using (var scope = factory.PlatformScope(out var db))
        {
            id = await db.ActionItems.Where(a => a.TenantId == tenant.Id && a.Title == "Review the checkout rate limits").Select(a => a.Id).SingleAsync();
            other = await db.ActionItems.Where(a => a.TenantId == tenant.Id && a.Title == "Buy a second WAF").Select(a => a.Id).SingleAsync();
        }
        var board = await client.GetStringAsync($"/ActionItems?tenant={tenant.Slug}");
        var started = await client.PostFormAsync($"/ActionItems?tenant={tenant.Slug}", $"/ActionItems/Start/{id}", []);
        var noOutcome = await client.PostFormAsync($"/ActionItems/Complete/{id}", $"/ActionItems/Complete/{id}", new() { ["Note"] = "" });
        var noOutcomeHtml = await noOutcome.Content.ReadAsStringAsync();
        var completed = await client.PostFormAsync($"/ActionItems/Complete/{id}", $"/ActionItems/Complete/{id}", new() { ["Note"] = "Limits lowered to 20 a minute" });
        var dropped = await client.PostFormAsync($"/ActionItems/Drop/{other}", $"/ActionItems/Drop/{other}", new() { ["Note"] = "The CDN's WAF covers it" });
        var again = await client.PostFormAsync($"/ActionItems?tenant={tenant.Slug}", $"/ActionItems/Start/{id}", []);
        var after = await client.GetStringAsync($"/ActionItems?tenant={tenant.Slug}");
        var byOwner = await client.GetStringAsync($"/ActionItems?tenant={tenant.Slug}&owner={owner}&origin=Manual");
        var byOrigin = await client.GetStringAsync($"/ActionItems?tenant={tenant.Slug}&origin=Meeting");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say what is to be done.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Choose who owns it.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Ask the payment provider for &lt;b&gt;3-D Secure&lt;/b&gt; logs", refusedHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{yesterday}\"", refusedHtml, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect], new[] { raised.StatusCode, second.StatusCode, started.StatusCode });
        Assert.Contains("overdue", board, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noOutcome.StatusCode);
        Assert.Contains("Say what came of it.", noOutcomeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var done = await db.ActionItems.SingleAsync(a => a.Id == id);
            var gone = await db.ActionItems.SingleAsync(a => a.Id == other);
            Assert.Equal((ActionItemStatus.Done, "Limits lowered to 20 a minute", ActionItemOrigin.Manual), (done.Status, done.Outcome, done.Origin));
            Assert.NotNull(done.CompletedAt);
            Assert.Equal((ActionItemStatus.Dropped, "The CDN's WAF covers it"), (gone.Status, gone.Outcome));
            Assert.Equal($"member-{tenant.Marker}", done.OwnerName);
        }
        Assert.Matches($"data-column=\"Done\"[\\s\\S]*data-item=\"{id}\"[\\s\\S]*data-column=\"Dropped\"[\\s\\S]*data-item=\"{other}\"", after);
        // The test tenant's meeting item is on the board with its link; the filters keep to what they name.
        Assert.Contains("href=\"/Meetings/", after, StringComparison.Ordinal);
        Assert.Contains("Review the checkout rate limits", byOwner, StringComparison.Ordinal);
        Assert.DoesNotContain($"action-{tenant.Marker}", byOwner, StringComparison.Ordinal);
        Assert.Contains($"action-{tenant.Marker}", byOrigin, StringComparison.Ordinal);
        Assert.DoesNotContain("Review the checkout rate limits", byOrigin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_burn_down_counts_open_items_at_each_weeks_end_as_summed_by_hand()
    {
        // Sunday 29 November 2026: the current quarter began on 1 October, the one before on 1 July (a Wednesday), so
        // the weeks run from Monday 29 June to the week of Monday 23 November, which ends now: 22 weeks.
        var now = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);
        var tenant = await TestTenant.CreateAsync(factory, "bd");
        await using var scope = factory.PlatformScope(out var db);
        await db.ActionItems.Where(a => a.TenantId == tenant.Id).ExecuteDeleteAsync();
        static DateTimeOffset At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);
        var a = ActionItem.Raise(tenant.Id, "A: raised before, still open", null, null, At(6, 15), ActionItemSource.Manual);
        var b = ActionItem.Raise(tenant.Id, "B", null, null, At(7, 7), ActionItemSource.Manual);
        b.Complete(At(7, 20, 9), "done");
        var c = ActionItem.Raise(tenant.Id, "C", null, null, At(10, 5), ActionItemSource.Manual);
        c.Drop(At(11, 24), "not needed");
        var d = ActionItem.Raise(tenant.Id, "D: closed before the first week", null, null, At(6, 1), ActionItemSource.Manual);
        d.Complete(At(6, 20), "done");
        db.ActionItems.AddRange(a, b, c, d);
        await db.SaveChangesAsync();

        var burndown = await new GetActionItemBurndownHandler(db, new FakeTimeProvider(now))
            .Handle(new GetActionItemBurndown(new CommitteeTenant(tenant.Id, tenant.Slug, "T", "UTC")), CancellationToken.None);

        var weeks = burndown.Weeks.ToDictionary(w => w.Starts.ToString("MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(new DateOnly(2026, 7, 1), burndown.From);
        Assert.Equal(22, burndown.Weeks.Count);
        Assert.Equal(new DateOnly(2026, 6, 29), burndown.Weeks[0].Starts);
        Assert.Equal(new DateOnly(2026, 11, 23), burndown.Weeks[^1].Starts);
        Assert.Equal(1, burndown.OpenAtStart); // A (D closed on 20 June)
        Assert.Equal((0, 0, 1, "2026 Q3"), (weeks["06-29"].Raised, weeks["06-29"].Closed, weeks["06-29"].OpenAtEnd, weeks["06-29"].Quarter));
        Assert.Equal((1, 0, 2), (weeks["07-06"].Raised, weeks["07-06"].Closed, weeks["07-06"].OpenAtEnd)); // B raised
        Assert.Equal(2, weeks["07-13"].OpenAtEnd);
        Assert.Equal((0, 1, 1), (weeks["07-20"].Raised, weeks["07-20"].Closed, weeks["07-20"].OpenAtEnd)); // B done
        Assert.Equal(1, weeks["09-28"].OpenAtEnd);
        Assert.Equal("2026 Q3", weeks["09-28"].Quarter);
        Assert.Equal((1, 0, 2, "2026 Q4"), (weeks["10-05"].Raised, weeks["10-05"].Closed, weeks["10-05"].OpenAtEnd, weeks["10-05"].Quarter)); // C raised
        Assert.Equal(2, weeks["11-16"].OpenAtEnd);
        Assert.Equal((0, 1, 1), (weeks["11-23"].Raised, weeks["11-23"].Closed, weeks["11-23"].OpenAtEnd)); // C dropped
        Assert.Equal(2, burndown.Weeks.Sum(w => w.Raised)); // B and C were raised in the window, nothing else
        Assert.Contains("\"data\":[1,2,2,1", burndown.ChartJson(), StringComparison.Ordinal);
    }
}
