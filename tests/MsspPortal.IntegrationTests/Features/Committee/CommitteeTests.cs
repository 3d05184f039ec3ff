using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Committee;

// The committee's home and its forms through HTTP as the tenant's roles: seats linked to accounts, the RACI matrix
// with exactly one Accountable per area, goals measured from the portal's records. Each test has its own tenant.
public sealed class CommitteeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_member_is_appointed_with_the_tenants_account_and_an_unknown_email_is_refused_keeping_the_input()
    {
        var tenant = await TestTenant.CreateAsync(factory, "cm");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var form = $"/Committee/AppointMember?tenant={tenant.Slug}";
        Dictionary<string, string> Seat(string email) => new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["Name"] = "Carla Owner", ["Side"] = "Customer", ["Title"] = "Head of e-commerce",
            ["Role"] = "Chair", ["HasDecisionAuthority"] = "true", ["AccountEmail"] = email,
        };

        var refused = await client.PostFormAsync(form, "/Committee/AppointMember", Seat("nobody@elsewhere.test"));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var appointed = await client.PostFormAsync(form, "/Committee/AppointMember", Seat(tenant.UserEmails[PortalRole.BusinessOwner]));
        var page = await client.GetStringAsync($"/Committee?tenant={tenant.Slug}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("No account of this tenant has that e-mail", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Carla Owner\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Head of e-commerce\"", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, appointed.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var member = await db.CommitteeMembers.SingleAsync(m => m.TenantId == tenant.Id && m.Name == "Carla Owner");
        var ownerId = await db.Users.Where(u => u.Email == tenant.UserEmails[PortalRole.BusinessOwner]).Select(u => u.Id).SingleAsync();
        Assert.Equal((ownerId, CommitteeRole.Chair, true, CommitteeSide.Customer), (member.UserId, member.Role, member.HasDecisionAuthority, member.Side));
        Assert.Contains("Carla Owner", page, StringComparison.Ordinal);
        Assert.Contains(tenant.UserEmails[PortalRole.BusinessOwner], page, StringComparison.Ordinal);
        Assert.Contains("Chair", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raci_matrix_needs_exactly_one_accountable_per_area_and_an_accountable_member_cannot_retire()
    {
        var tenant = await TestTenant.CreateAsync(factory, "ra");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        long first = (long)tenant.RowIds[typeof(CommitteeMember)];
        long second;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
            var member = CommitteeMember.Appoint(committee, "Second Person", CommitteeSide.Customer, "CTO");
            db.CommitteeMembers.Add(member);
            await db.SaveChangesAsync();
            second = member.Id;
        }
        var form = $"/Committee/Raci?tenant={tenant.Slug}";
        Dictionary<string, string> Matrix(params (long Member, string Area, string Raci)[] cells)
        {
            var fields = new Dictionary<string, string> { ["TenantId"] = tenant.Id.ToString() };
            for (var i = 0; i < cells.Length; i++)
            {
                fields[$"Cells[{i}].MemberId"] = cells[i].Member.ToString(CultureInfo.InvariantCulture);
                fields[$"Cells[{i}].Area"] = cells[i].Area;
                fields[$"Cells[{i}].Raci"] = cells[i].Raci;
            }
            return fields;
        }

        // Detection has two Accountable members, Response none.
        var refused = await client.PostFormAsync(form, "/Committee/Raci", Matrix(
            (first, "Detection", "Accountable"), (second, "Detection", "Accountable"),
            (first, "Response", "Responsible"), (second, "BusinessDecisions", "Accountable"), (second, "InternalCoordination", "Accountable")));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.Equal(0, await db.CommitteeResponsibilities.CountAsync(r => r.TenantId == tenant.Id));
        }
        var saved = await client.PostFormAsync(form, "/Committee/Raci", Matrix(
            (first, "Detection", "Accountable"), (second, "Detection", "Informed"),
            (first, "Response", "Accountable"), (second, "Response", "Consulted"),
            (first, "BusinessDecisions", "Consulted"), (second, "BusinessDecisions", "Accountable"),
            (first, "InternalCoordination", "Informed"), (second, "InternalCoordination", "Accountable")));
        var retire = await client.PostFormAsync($"/Committee?tenant={tenant.Slug}", $"/Committee/RetireMember/{second}", []);
        var page = await client.GetStringAsync($"/Committee?tenant={tenant.Slug}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Detection needs exactly one Accountable member; it has 2.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Response needs exactly one Accountable member; it has 0.", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        Assert.Contains("Second Person is Accountable for business decisions", page, StringComparison.Ordinal);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var cells = await db.CommitteeResponsibilities.Where(r => r.TenantId == tenant.Id).ToListAsync();
            Assert.Equal(8, cells.Count);
            Assert.All(Enum.GetValues<ResponsibilityArea>(), area => Assert.Single(cells, c => c.Area == area && c.Raci == Raci.Accountable));
            Assert.True(await db.CommitteeMembers.Where(m => m.Id == second).Select(m => m.Active).SingleAsync());
        }
        // The matrix as the page shows it: Detection row, first member A, second I.
        Assert.Matches("data-area=\"Detection\">\\s*<th[^>]*>detection</th>\\s*<td[^>]*title=\"Accountable\">A</td>\\s*<td[^>]*title=\"Informed\">I</td>", page);
    }

    [Fact]
    public async Task Major_incidents_are_counted_over_the_goals_period_and_recorded_with_their_link()
    {
        var tenant = await TestTenant.CreateAsync(factory, "gm");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        DateTimeOffset Day(int daysAgo, int hour = 12) => new(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        long goalId;
        var counted = new List<long>();
        await using (var scope = factory.PlatformScope(out var db))
        {
            var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
            var goal = CommitteeGoal.Set(committee, "No major incident during the sale", "incidents.major", GoalComparison.AtMost, 0, "incidents",
                today.AddDays(-20), today.AddDays(-10));
            db.CommitteeGoals.Add(goal);
            var inside = new[] { Incident.Open(tenant.Id, "ddos", AlertSeverity.Critical, Day(15)), Incident.Open(tenant.Id, "card testing", AlertSeverity.High, Day(10, 23)) };
            db.Incidents.AddRange(inside);
            // Not counted: a Low one inside, a Critical one the day before, a High one the day after.
            db.Incidents.AddRange(Incident.Open(tenant.Id, "low", AlertSeverity.Low, Day(12)), Incident.Open(tenant.Id, "before", AlertSeverity.Critical, Day(21, 23)),
                Incident.Open(tenant.Id, "after", AlertSeverity.High, Day(9, 0)));
            await db.SaveChangesAsync();
            goalId = goal.Id;
            counted.AddRange(inside.Select(i => i.Id));
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);

        var response = await client.PostFormAsync($"/Committee?tenant={tenant.Slug}", $"/Committee/MeasureGoal/{goalId}", []);
        var page = await client.GetStringAsync($"/Committee?tenant={tenant.Slug}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var goal = await db.CommitteeGoals.SingleAsync(g => g.Id == goalId);
            Assert.Equal(2, goal.Measured);
            Assert.False(goal.IsMet);
            Assert.Contains($"#{counted[0]}, #{counted[1]}", goal.MeasuredFrom, StringComparison.Ordinal);
        }
        Assert.Contains("not met", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Incidents?tenant={tenant.Slug}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_model_goal_takes_the_worst_month_and_a_hand_measured_goal_needs_its_source()
    {
        var tenant = await TestTenant.CreateAsync(factory, "gv");
        var now = DateTimeOffset.UtcNow;
        var first = new DateOnly(now.Year, now.Month, 1).AddMonths(-3);
        DateTimeOffset In(DateOnly month, int day) => new(month.AddDays(day).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        long valueGoal, handGoal;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
            // Incidents opened per month (the funnel's count): 1 in the first month, 3 in the second: the worst month is 3.
            var goal = CommitteeGoal.Set(committee, "At most 2 incidents a month", "efficiency.funnel.incidents", GoalComparison.AtMost, 2, "incidents",
                first, first.AddMonths(2).AddDays(-1));
            var hand = CommitteeGoal.Set(committee, "No compliance fine", null, GoalComparison.AtMost, 0, "fines", null, null);
            db.CommitteeGoals.AddRange(goal, hand);
            db.Incidents.AddRange(Incident.Open(tenant.Id, "m1", AlertSeverity.Low, In(first, 3)),
                Incident.Open(tenant.Id, "m2a", AlertSeverity.Low, In(first.AddMonths(1), 1)), Incident.Open(tenant.Id, "m2b", AlertSeverity.Low, In(first.AddMonths(1), 5)),
                Incident.Open(tenant.Id, "m2c", AlertSeverity.Medium, In(first.AddMonths(1), 9)));
            await db.SaveChangesAsync();
            (valueGoal, handGoal) = (goal.Id, hand.Id);
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var home = $"/Committee?tenant={tenant.Slug}";

        var measured = await client.PostFormAsync(home, $"/Committee/MeasureGoal/{valueGoal}", []);
        var notMeasurable = await client.PostFormAsync(home, $"/Committee/MeasureGoal/{handGoal}", []);
        var afterRefusal = await client.GetStringAsync(home);
        var noSource = await client.PostFormAsync($"/Committee/RecordGoal/{handGoal}", $"/Committee/RecordGoal/{handGoal}", new() { ["Measured"] = "0", ["Source"] = "" });
        var noSourceHtml = await noSource.Content.ReadAsStringAsync();
        var recorded = await client.PostFormAsync($"/Committee/RecordGoal/{handGoal}", $"/Committee/RecordGoal/{handGoal}",
            new() { ["Measured"] = "0", ["Source"] = "Regulator's annual letter" });
        var page = await client.GetStringAsync(home);

        Assert.Equal(HttpStatusCode.Redirect, measured.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, notMeasurable.StatusCode);
        Assert.Contains("No record of the portal measures", afterRefusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noSource.StatusCode);
        Assert.Contains("Say where the value comes from", noSourceHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var goal = await db.CommitteeGoals.SingleAsync(g => g.Id == valueGoal);
            Assert.Equal(3, goal.Measured);
            Assert.False(goal.IsMet);
            Assert.Contains($"the worst of 2 months", goal.MeasuredFrom, StringComparison.Ordinal);
            var hand = await db.CommitteeGoals.SingleAsync(g => g.Id == handGoal);
            Assert.Equal((0d, true), (hand.Measured, hand.IsMet));
        }
        Assert.Contains($"href=\"/Value?tenant={tenant.Slug}&amp;month={first.AddMonths(1):yyyy-MM}\"", page, StringComparison.Ordinal);
        Assert.Contains("Recorded by hand: Regulator&#x27;s annual letter", page, StringComparison.Ordinal);
    }
}
