using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Incidents;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Privacy;

// What leaves the portal: after lines with card numbers, resident ids, addresses and phone numbers went through
// ingestion with masking on, no page and no export an analyst opens shows any of them, and the masked forms are
// there (so the scan cannot pass on empty pages).
public sealed partial class MaskingInExportsAndPagesTests(IngestionFactory factory) : MaskingTestsBase(factory), IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task No_page_or_export_shows_an_unmasked_value()
    {
        var (tenant, key) = await TenantWithMaskingAsync();
        // Repeated failed logons of one address, so an alert (and its incident) carries the masked user.
        var body = new StringBuilder(MixedLogs(out _));
        for (var i = 0; i < 12; i++)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"<38>Nov 29 06:10:{i:00} bastion-02 sshd[4{i:00}]: Failed password for {Emails[0]} from 203.0.113.77 port {40000 + i} ssh2\n");
        }
        var accepted = await PostAsync(key, body.ToString());
        await RunJobAsync(tenant.Id, accepted.BatchId);

        List<long> alerts, quarantined; // the alerts raised, and the log sources with quarantined lines
        await using (var scope = Factory.PlatformScope(out var db))
        {
            alerts = await db.Alerts.Where(a => a.TenantId == tenant.Id && a.Title != "alert-" + tenant.Marker).Select(a => a.Id).ToListAsync();
            quarantined = await db.QuarantinedLines.Where(q => q.BatchId == accepted.BatchId).Select(q => q.LogSourceId).Distinct().ToListAsync();
        }
        Assert.NotEmpty(alerts);
        Assert.NotEmpty(quarantined);
        long incidentId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            incidentId = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateIncident([.. alerts], "Repeated failed logons on bastion-02"))).IncidentId!.Value;
        }

        var analyst = await Factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        // The audit log is the auditor's (an analyst does not read it).
        var auditor = await Factory.SignInAsync(tenant.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var urls = new List<string>
        {
            "/Alerts?status=all", "/Alerts/Export?status=all", "/Incidents", $"/Incidents/Details/{incidentId}",
            "/Ingestion", $"/Ingestion/Batch/{accepted.BatchId}", "/Soc", "/Privacy/Masking",
        };
        urls.AddRange(alerts.Select(id => $"/Alerts/Details/{id}"));
        urls.AddRange(quarantined.Select(id => $"/LogSources/Quarantine/{id}"));
        var pages = new Dictionary<string, string>();
        foreach (var url in urls.Concat(["/Audit", "/Audit/Export"]))
        {
            var response = await (url.StartsWith("/Audit", StringComparison.Ordinal) ? auditor : analyst).GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            // As a reader sees it: HTML entities and JSON escapes undone (Razor writes '+' as &#x2B;).
            var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            pages[url] = JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        }

        var secrets = Cards.Concat(ResidentIds).Concat(Emails).Concat(Phones).Concat(Employees)
            .SelectMany(s => new[] { s, new string([.. s.Where(char.IsAsciiLetterOrDigit)]) })
            .Where(s => s.Length >= 8).Distinct().ToList();
        var found = pages.SelectMany(p => secrets.Where(s => p.Value.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"{p.Key}: {s}")).ToList();
        Assert.True(found.Count == 0, "Shown unmasked:\n" + string.Join("\n", found));

        // The masked forms are shown: the truncated card of the quarantined line, and the pseudonym of the address on the
        // alert and in the export.
        Assert.Contains("492980******2139", pages[$"/LogSources/Quarantine/{quarantined[0]}"], StringComparison.Ordinal);
        Assert.Contains("[email:", pages["/Alerts/Export?status=all"], StringComparison.Ordinal);
        Assert.Contains("[email:", string.Concat(alerts.Select(id => pages[$"/Alerts/Details/{id}"])), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();
}
