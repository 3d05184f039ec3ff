using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Alerts;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features;

// GET /Alerts/Export: the queue's filter as CSV. Each test has a tenant of its own (plus the one alert TestTenant makes:
// rule "rule-<marker>", risk 70, High, no user).
public sealed partial class AlertExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record Spec(string Rule, AlertSeverity Severity, int Risk, string? User = null, string? Host = null, string Title = "",
        string Techniques = "");

    [Fact]
    public async Task The_export_holds_exactly_the_alerts_the_queue_shows_for_the_same_filter()
    {
        var tenant = await TestTenant.CreateAsync(factory, "xf");
        await RaiseAsync(tenant,
            new Spec("brute", AlertSeverity.Critical, 90, User: "alice", Title: "in-1", Techniques: "T1110"),
            new Spec("brute", AlertSeverity.Critical, 75, User: "alice", Title: "in-2", Techniques: "T1110"),
            new Spec("brute", AlertSeverity.Critical, 71, User: "carol", Title: "in-3", Techniques: "T1110"),
            new Spec("brute", AlertSeverity.High, 90, User: "alice", Title: "out-severity"),
            new Spec("brute", AlertSeverity.Critical, 60, User: "alice", Title: "out-risk"),
            new Spec("scan", AlertSeverity.Critical, 95, User: "alice", Title: "out-rule"));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        const string Filter = "severity=critical&risk=70-100&rule=brute&sort=time";

        var queue = await client.GetStringAsync("/Alerts?" + Filter);
        var response = await client.GetAsync("/Alerts/Export?" + Filter);
        var rows = Csv(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["id", "tenant", "detected_utc", "severity", "risk", "status", "disposition", "rule", "title", "source_ip", "user", "host",
            "techniques", "assignee", "acknowledge_due_utc", "resolve_due_utc", "events"], rows[0]);
        var body = rows.Skip(1).ToList();
        // Counted by hand: three of the six match, newest first as the queue sorts them.
        Assert.Equal(["in-3", "in-2", "in-1"], body.Select(r => r[8]));
        Assert.Equal(RowIds().Matches(queue).Select(m => m.Groups[1].Value), body.Select(r => r[0]));
        Assert.All(body, r => Assert.Equal(("critical", "new", "brute", "T1110", "1"), (r[3], r[5], r[7], r[12], r[16])));
        Assert.Equal(["alice", "alice", "carol"], body.Select(r => r[10]).Order());
        // The queue page links to the export with its own filter.
        Assert.Contains($"id=\"export-csv\" href=\"/Alerts/Export?{WebUtility.HtmlEncode("severity=critical&risk=70-100&rule=brute&sort=time")}\"", queue,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised()
    {
        var tenant = await TestTenant.CreateAsync(factory, "xn");
        await RaiseAsync(tenant, new Spec("formula", AlertSeverity.Low, 10, User: "=HYPERLINK(\"http://attacker.invalid\",\"x\")",
            Host: "@SUM(A1:A9)", Title: "+cmd|' /C calc'!A0"));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var text = await client.GetStringAsync("/Alerts/Export?rule=formula");
        var row = Assert.Single(Csv(text).Skip(1));

        Assert.Equal("'=HYPERLINK(\"http://attacker.invalid\",\"x\")", row[10]);
        Assert.Equal("'@SUM(A1:A9)", row[11]);
        Assert.Equal("'+cmd|' /C calc'!A0", row[8]);
        Assert.DoesNotContain(Csv(text).SelectMany(r => r), c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public async Task An_analyst_of_tenant_A_exports_no_row_of_tenant_B_whatever_the_filter_says()
    {
        var a = await TestTenant.CreateAsync(factory, "xa");
        var b = await TestTenant.CreateAsync(factory, "xb");
        await RaiseAsync(a, new Spec("shared-rule", AlertSeverity.Medium, 50, User: "same-user", Title: "title-" + a.Marker));
        await RaiseAsync(b, new Spec("shared-rule", AlertSeverity.Medium, 50, User: "same-user", Title: "title-" + b.Marker));
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var all = await client.GetStringAsync("/Alerts/Export?status=all");
        var named = await client.GetStringAsync($"/Alerts/Export?status=all&tenant={b.Slug}");
        var byRule = await client.GetStringAsync("/Alerts/Export?rule=shared-rule&q=same-user");

        foreach (var text in new[] { all, named, byRule })
        {
            Assert.DoesNotContain(b.Marker, text, StringComparison.Ordinal);
            Assert.Contains("title-" + a.Marker, text, StringComparison.Ordinal);
        }
        Assert.Equal(2, Csv(all).Count - 1); // TestTenant's own alert and the one raised here
        Assert.Single(Csv(byRule).Skip(1));
    }

    [Fact]
    public async Task An_export_past_its_cap_ends_with_a_line_saying_it_was_cut()
    {
        var tenant = await TestTenant.CreateAsync(factory, "xc");
        await RaiseAsync(tenant, [.. Enumerable.Range(0, 5).Select(i => new Spec("capped", AlertSeverity.Low, i, Title: $"cap-{i}"))]);
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var lines = new List<string>();
        await foreach (var line in sender.CreateStream(new ExportAlerts(new QueueFilter { Rule = "capped" }, Cap: 3)))
        {
            lines.Add(line);
        }
        var whole = new List<string>();
        await foreach (var line in sender.CreateStream(new ExportAlerts(new QueueFilter { Rule = "capped" }, Cap: 5)))
        {
            whole.Add(line);
        }

        Assert.Equal(5, lines.Count); // header, three rows, the note
        Assert.StartsWith("# cut at 3 rows", lines[^1], StringComparison.Ordinal);
        Assert.Equal(["cap-4", "cap-3", "cap-2"], Csv(string.Concat(lines.Skip(1).Take(3))).Select(r => r[8]));
        Assert.Equal(6, whole.Count);
        Assert.DoesNotContain(whole, l => l.StartsWith('#'));
    }

    [Fact]
    public void The_export_route_is_enumerated_for_the_role_tests_and_requires_reading_alerts()
    {
        var route = Assert.Single(PortalRoutes.Enumerate(factory), r => r.Name == "GET Alerts.Export");

        Assert.Contains(Capability.ReadAlerts, route.Requires);
    }

    private async Task RaiseAsync(TestTenant tenant, params Spec[] specs)
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = DateTimeOffset.UtcNow;
        // One minute apart, in the order given: "newest first" is the reverse of the list.
        db.Alerts.AddRange(specs.Select((s, i) => Alert.Raise(tenant.Id, s.Rule, s.Title.Length > 0 ? s.Title : $"{s.Rule}-{i}", s.Severity, s.Risk,
            now.AddMinutes(i - specs.Length), new AlertFacts { UserName = s.User, HostName = s.Host, Techniques = s.Techniques })));
        await db.SaveChangesAsync();
    }

    // RFC 4180 as SpreadsheetCsv writes it: quoted fields may hold commas, quotes (doubled) and line breaks.
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        return rows;
    }

    [GeneratedRegex("<tr data-id=\"(\\d+)\"")]
    private static partial Regex RowIds();
}
