using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>
/// A protection window's page: four phases whose checklists are action items (started, ticked with an outcome,
/// dropped, added to), edited and deleted by who may change detection set-up (its items stay), and reviewed only
/// once it has ended; every step stays inside the caller's tenant.
/// </summary>
public sealed class ProtectionWindowTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_checklist_is_started_ticked_dropped_and_added_to_and_the_phase_counts_follow()
    {
        var tenant = await TestTenant.CreateAsync(factory, "k");
        var windowId = (long)tenant.RowIds[typeof(ProtectionWindow)];
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var page = $"/ProtectionWindows/{windowId}";

        var started = await member.PostFormAsync(page, $"/ProtectionWindows/StartChecklist/{windowId}", []);
        var again = await FollowAsync(member, await member.PostFormAsync(page, $"/ProtectionWindows/StartChecklist/{windowId}", []));
        var monthBefore = await ItemsAsync(windowId, ProtectionPhase.MonthBefore);
        var done = await member.PostFormAsync(page, $"/ProtectionWindows/CloseItem/{windowId}",
            new() { ["ItemId"] = monthBefore[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Drop"] = "false", ["Outcome"] = "capacity reviewed: scrubbing contracted for checkout" });
        var dropped = await member.PostFormAsync(page, $"/ProtectionWindows/CloseItem/{windowId}",
            new() { ["ItemId"] = monthBefore[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Drop"] = "true", ["Outcome"] = "no event last year" });
        var dropWithoutReason = await member.PostFormAsync(page, $"/ProtectionWindows/CloseItem/{windowId}",
            new() { ["ItemId"] = monthBefore[2].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Drop"] = "true", ["Outcome"] = "" });
        var added = await member.PostFormAsync(page, $"/ProtectionWindows/AddItem/{windowId}",
            new() { ["Phase"] = nameof(ProtectionPhase.MonthBefore), ["Title"] = "Check the CDN contract", ["DueOn"] = "2026-10-15" });
        var html = await member.GetStringAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("has a checklist already", again, StringComparison.Ordinal);
        // 11 default items (4 a month before, 3 a week before, 2 during, 2 after) and the one added.
        Assert.Equal(12, (await ItemsAsync(windowId, null)).Count);
        Assert.Equal(4, monthBefore.Count);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
        // A refused form shows the page again with the reason.
        Assert.Equal(HttpStatusCode.OK, dropWithoutReason.StatusCode);
        Assert.Contains("Say why the item is dropped.", await dropWithoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var items = await ItemsAsync(windowId, ProtectionPhase.MonthBefore);
        Assert.Equal(ActionItemStatus.Done, items[0].Status);
        Assert.Equal("capacity reviewed: scrubbing contracted for checkout", items[0].Outcome);
        Assert.Equal(ActionItemStatus.Dropped, items[1].Status);
        Assert.Equal(ActionItemStatus.Open, items[2].Status);
        Assert.Equal(new DateOnly(2026, 10, 15), items[4].DueOn);
        Assert.All(items, i => Assert.Equal(ActionItemOrigin.ProtectionWindow, i.Origin));
        // Month before: 5 items, 1 dropped, so 1 of 4 done; the other phases 0 of 3, 0 of 2, 0 of 2.
        Assert.Contains("data-done=\"1\" data-total=\"4\"", html, StringComparison.Ordinal);
        Assert.Contains("data-done=\"0\" data-total=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("capacity reviewed: scrubbing contracted for checkout", html, StringComparison.Ordinal);
        Assert.Contains("Raised score weight: × 1.2", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_window_is_edited_and_deleted_by_an_analyst_and_its_action_items_stay()
    {
        var tenant = await TestTenant.CreateAsync(factory, "e");
        var windowId = (long)tenant.RowIds[typeof(ProtectionWindow)];
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        await analyst.PostFormAsync($"/ProtectionWindows/{windowId}", $"/ProtectionWindows/StartChecklist/{windowId}", []);

        var memberEdit = await member.GetAsync($"/ProtectionWindows/Edit/{windowId}");
        var refused = await analyst.PostFormAsync($"/ProtectionWindows/Edit/{windowId}", $"/ProtectionWindows/Edit/{windowId}",
            new() { ["Name"] = "Winter sale", ["StartsAt"] = "2026-12-10T00:00:00Z", ["EndsAt"] = "2026-12-01T00:00:00Z", ["Services"] = "Checkout", ["Weight"] = "1.5" });
        var edited = await analyst.PostFormAsync($"/ProtectionWindows/Edit/{windowId}", $"/ProtectionWindows/Edit/{windowId}",
            new() { ["Name"] = "Winter sale", ["StartsAt"] = "2026-12-10T00:00:00Z", ["EndsAt"] = "2026-12-20T00:00:00Z", ["Services"] = "Checkout, Storefront", ["Weight"] = "1.5" });
        ProtectionWindow after;
        await using (var scope = factory.PlatformScope(out var db))
        {
            after = await db.ProtectionWindows.AsNoTracking().SingleAsync(w => w.Id == windowId);
        }
        var confirm = await analyst.GetStringAsync($"/ProtectionWindows/Delete/{windowId}");
        var deleted = await analyst.PostFormAsync($"/ProtectionWindows/Delete/{windowId}", $"/ProtectionWindows/Delete/{windowId}", new() { ["tenantId"] = tenant.Id.ToString() });

        Assert.Equal(HttpStatusCode.Forbidden, memberEdit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The window must end after it starts.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("value=\"Winter sale\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Winter sale", after.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero), after.StartsAt);
        Assert.Equal("Checkout,Storefront", after.Services);
        Assert.Equal(1.5, after.Weight);
        Assert.Contains("11 checklist item(s) stay", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.ProtectionWindows.AnyAsync(w => w.Id == windowId));
            var kept = await db.ActionItems.Where(a => a.TenantId == tenant.Id && a.Origin == ActionItemOrigin.ProtectionWindow).ToListAsync();
            Assert.Equal(11, kept.Count);
            Assert.All(kept, a => Assert.Null(a.ProtectionWindowId));
            Assert.All(kept, a => Assert.NotNull(a.Phase));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/ProtectionWindows/{windowId}")).StatusCode);
    }

    [Fact]
    public async Task The_review_is_refused_before_the_window_ends_and_recorded_after()
    {
        var tenant = await TestTenant.CreateAsync(factory, "r");
        var openId = (long)tenant.RowIds[typeof(ProtectionWindow)]; // ends a day from now
        long pastId;
        var now = TimeProvider.System.GetUtcNow();
        await using (var scope = factory.PlatformScope(out var db))
        {
            var past = ProtectionWindow.Open(tenant.Id, "Past sale", now.AddDays(-10), now.AddDays(-3), [], 1.3, now.AddDays(-40));
            db.ProtectionWindows.Add(past);
            await db.SaveChangesAsync();
            pastId = past.Id;
        }
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);

        var early = await member.PostFormAsync($"/ProtectionWindows/{openId}", $"/ProtectionWindows/Review/{openId}", new() { ["Review"] = "too early" });
        var late = await member.PostFormAsync($"/ProtectionWindows/{pastId}", $"/ProtectionWindows/Review/{pastId}",
            new() { ["Review"] = "One DDoS wave scrubbed; orders kept flowing." });
        var html = await member.GetStringAsync($"/ProtectionWindows/{pastId}");

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var earlyBody = await early.Content.ReadAsStringAsync();
        Assert.Contains("The review is recorded after the window ends", earlyBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("One DDoS wave scrubbed; orders kept flowing.", html, StringComparison.Ordinal);
        Assert.Contains($"Recorded by CommitteeMember {tenant.Marker}", html, StringComparison.Ordinal);
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.Null((await db.ProtectionWindows.SingleAsync(w => w.Id == openId)).Review);
            Assert.NotNull((await db.ProtectionWindows.SingleAsync(w => w.Id == pastId)).ReviewedAt);
        }
    }

    [Fact]
    public async Task The_after_phase_counts_the_alerts_and_incidents_of_the_window_with_links_to_the_alert_list()
    {
        var tenant = await TestTenant.CreateAsync(factory, "c");
        // TestTenant's alert was detected 5 minutes ago and its incident opened now: both inside a window from
        // yesterday to tomorrow, neither inside one that ended three days ago.
        var now = TimeProvider.System.GetUtcNow();
        long inside, outside;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var a = ProtectionWindow.Open(tenant.Id, "Inside", now.AddDays(-1), now.AddDays(1), [], 1.2, now);
            var b = ProtectionWindow.Open(tenant.Id, "Outside", now.AddDays(-10), now.AddDays(-3), [], 1.2, now);
            db.ProtectionWindows.AddRange(a, b);
            await db.SaveChangesAsync();
            (inside, outside) = (a.Id, b.Id);
        }
        var auditor = await factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);

        var insideHtml = await auditor.GetStringAsync($"/ProtectionWindows/{inside}");
        var outsideHtml = await auditor.GetStringAsync($"/ProtectionWindows/{outside}");

        var link = $"/Alerts?status=all&amp;tenant={tenant.Slug}&amp;from={now.AddDays(-1).UtcDateTime:yyyy-MM-dd}&amp;to={now.AddDays(1).AddTicks(-1).UtcDateTime:yyyy-MM-dd}";
        Assert.Contains($"<a href=\"{link}\">1 alert(s)</a>", insideHtml, StringComparison.Ordinal);
        Assert.Contains($"1 incident(s) opened in the window", insideHtml, StringComparison.Ordinal);
        Assert.Contains($"incident-{tenant.Marker}", insideHtml, StringComparison.Ordinal);
        Assert.Contains(">0 alert(s)</a>", outsideHtml, StringComparison.Ordinal);
        Assert.Contains("0 incident(s) opened in the window", outsideHtml, StringComparison.Ordinal);
        // An auditor reads; the checklist's forms are not offered.
        Assert.DoesNotContain("/ProtectionWindows/AddItem/", insideHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_A_cannot_reach_tenant_B_s_window_or_its_items_even_through_its_own_window()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var aWindow = (long)a.RowIds[typeof(ProtectionWindow)];
        var bWindow = (long)b.RowIds[typeof(ProtectionWindow)];
        var bAnalyst = await factory.SignInAsync(b.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await bAnalyst.PostFormAsync($"/ProtectionWindows/{bWindow}", $"/ProtectionWindows/StartChecklist/{bWindow}", []);
        var bItem = (await ItemsAsync(bWindow, ProtectionPhase.MonthBefore))[0];
        var analyst = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var token = await analyst.AntiforgeryTokenAsync($"/ProtectionWindows/{aWindow}");

        var page = await analyst.GetAsync($"/ProtectionWindows/{bWindow}");
        var direct = await analyst.PostAsync($"/ProtectionWindows/CloseItem/{bWindow}", Form(token, new() { ["ItemId"] = bItem.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Drop"] = "false" }));
        var smuggled = await analyst.PostAsync($"/ProtectionWindows/CloseItem/{aWindow}", Form(token, new() { ["ItemId"] = bItem.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Drop"] = "false" }));
        var review = await analyst.PostAsync($"/ProtectionWindows/Review/{bWindow}", Form(token, new() { ["Review"] = "forged" }));
        var delete = await analyst.PostAsync($"/ProtectionWindows/Delete/{bWindow}", Form(token, []));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, smuggled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, review.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(ActionItemStatus.Open, (await ItemsAsync(bWindow, ProtectionPhase.MonthBefore))[0].Status);
        await using var scope = factory.PlatformScope(out var db);
        Assert.True(await db.ProtectionWindows.AnyAsync(w => w.Id == bWindow && w.Review == null));
    }

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    private static async Task<string> FollowAsync(HttpClient client, HttpResponseMessage redirect) =>
        await client.GetStringAsync(redirect.Headers.Location);

    private async Task<List<ActionItem>> ItemsAsync(long windowId, ProtectionPhase? phase)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.ActionItems.AsNoTracking().Where(i => i.ProtectionWindowId == windowId && (phase == null || i.Phase == phase)).OrderBy(i => i.Id).ToListAsync();
    }
}
