using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Compliance.Frameworks.Checks;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.IntegrationTests.Compliance;

/// <summary>The portal on 2026-11-29 06:00 UTC with a small PCI DSS catalog of its own (independent of the shipped files).</summary>
public sealed class ComplianceFactory : PortalFactory
{
    public const string Pci = "pci-dss-4.0.1";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    public static FrameworkCatalog TestCatalog { get; } = new([new FrameworkDefinition(Pci, "PCI DSS", "4.0.1", "PCI SSC", "test catalog", "ids only",
        FrameworkText.IdsOnly, "", new string('a', 64),
        [new FrameworkGroup("1", "Network", null), new FrameworkGroup("3", "Stored data", null), new FrameworkGroup("10", "Logging", null),
            new FrameworkGroup("11", "Testing", null), new FrameworkGroup("12", "Policy", null)],
        [new FrameworkControl("1.2.1", "1", "Network rules defined"), new FrameworkControl("3.4.1", "3", "Card number masked"),
            new FrameworkControl("10.2.1", "10", "Audit logs on"), new FrameworkControl("10.4.1", "10", "Logs reviewed daily"),
            new FrameworkControl("11.5.1", "11", "Intrusion detection"), new FrameworkControl("12.10.1", "12", "Incident response ready")])]);

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Singleton(TestCatalog));
    }
}

public sealed class ComplianceChecksTests(ComplianceFactory factory) : IClassFixture<ComplianceFactory>
{
    private const string Pci = ComplianceFactory.Pci;
    private static readonly DateOnly September = new(2026, 9, 1);
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly DateTimeOffset OctoberEnd = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_log_source_silent_for_two_days_at_the_end_of_the_month_is_not_met_with_that_reason()
    {
        var tenant = await BareTenantAsync("silent");
        await using (var scope = factory.PlatformScope(out var db))
        {
            var source = new LogSource(tenant, "silent-key1", "x.y") { Name = "fw-east" };
            db.LogSources.Add(source);
            await db.SaveChangesAsync();
            db.RawBatches.Add(RawBatch.BeginReceiving(tenant, source.Id, IngestChannel.Api, OctoberEnd.AddDays(-20), OctoberEnd));
            db.RawBatches.Add(RawBatch.BeginReceiving(tenant, source.Id, IngestChannel.Api, OctoberEnd.AddDays(-2), OctoberEnd));
            await db.SaveChangesAsync();
        }

        var result = await ResultAsync(tenant, October, "10.2.1");

        Assert.Equal(ComplianceStatus.NotMet, result.Status);
        Assert.Equal("0 of 1 log sources reported within 24 h of the end of the period; silent: fw-east (silent for 2 d 0 h at the end of the period)", result.Reason);
        Assert.Equal(ControlAutomation.Automated, result.Automation);
    }

    [Fact]
    public async Task Incidents_within_and_over_their_SLA_are_counted_by_hand()
    {
        var tenant = await BareTenantAsync("sla");
        await using (var scope = factory.PlatformScope(out var db))
        {
            var service = new BusinessService { TenantId = tenant, Name = "cards", DowntimeCostPerHour = 1 };
            db.BusinessServices.Add(service);
            await db.SaveChangesAsync();
            var terms = new SlaTerms(30, 240); // resolve within 4 h
            var opened = new DateTimeOffset(2026, 10, 10, 8, 0, 0, TimeSpan.Zero);
            // Two closed within 4 h, one closed after 6 h, one still open at the month's end past its deadline, one
            // closed in September (not this month's).
            foreach (var (start, hours) in new[] { (opened, 2), (opened.AddDays(1), 3), (opened.AddDays(2), 6), (opened.AddDays(-30), 1) })
            {
                var incident = Incident.Open(tenant, $"incident {start:dd}", AlertSeverity.High, start, terms);
                incident.Close(new IncidentImpact(service.Id, 0, 0, "none", null), null, start.AddHours(hours));
                db.Incidents.Add(incident);
            }
            db.Incidents.Add(Incident.Open(tenant, "still open", AlertSeverity.High, new DateTimeOffset(2026, 10, 30, 8, 0, 0, TimeSpan.Zero), terms));
            await db.SaveChangesAsync();
        }

        var result = await ResultAsync(tenant, October, "12.10.1");

        // 2 within, 1 closed over + 1 open over = 2 of 4: below 90 %, not met (the partial control keeps Not met).
        Assert.Equal(ComplianceStatus.NotMet, result.Status);
        Assert.StartsWith("3 incidents closed in the month, 2 within their resolve SLA; 1 open past their deadline at the end of the period", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manual_evidence_past_its_review_date_leaves_the_control_not_assessed_and_current_evidence_meets_it()
    {
        var tenant = await BareTenantAsync("manual");
        await using (var scope = factory.PlatformScope(out var db))
        {
            db.ManualEvidence.Add(ManualEvidence.Attest(tenant, Pci, "1.2.1", "Firewall rules reviewed", "Reviewed the rule base.", "Nina Network",
                new DateOnly(2026, 10, 15), null, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero)));
            db.ManualEvidence.Add(ManualEvidence.Attest(tenant, Pci, "11.5.1", "too late", "Added after the month.", "Late Larry",
                new DateOnly(2027, 1, 1), null, OctoberEnd.AddHours(1)));
            await db.SaveChangesAsync();
        }

        var check = await CheckAsync(tenant, October);

        var manual = check.Results.Single(r => r.ControlId == "1.2.1");
        Assert.Equal(ComplianceStatus.NotAssessed, manual.Status);
        Assert.Contains("past its review date (Firewall rules reviewed, due 2026-10-15)", manual.Reason, StringComparison.Ordinal);
        // Evidence added after the month does not count for it.
        Assert.DoesNotContain("too late", check.Results.Single(r => r.ControlId == "11.5.1").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frozen_month_is_never_rewritten_and_the_diff_lists_exactly_the_changed_controls()
    {
        var tenant = await BareTenantAsync("diff");
        var september = await CheckAsync(tenant, September);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var inOctober = new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
            db.ManualEvidence.Add(ManualEvidence.Attest(tenant, Pci, "1.2.1", "Rules reviewed", "Quarterly review done.", "Nina Network", new DateOnly(2027, 1, 31), null, inOctober));
            db.ManualEvidence.Add(ManualEvidence.Attest(tenant, Pci, "3.4.1", "Displays masked", "Card screens show first 6 / last 4.", "Paul Okafor", new DateOnly(2027, 1, 31), null, inOctober));
            await db.SaveChangesAsync();
        }

        var october = await CheckAsync(tenant, October);

        Assert.Equal(ComplianceStatus.NotAssessed, september.Results.Single(r => r.ControlId == "1.2.1").Status);
        Assert.Equal(ComplianceStatus.PartlyMet, september.Results.Single(r => r.ControlId == "3.4.1").Status);
        Assert.Equal(september.Id, october.PreviousCheckId);
        var changed = october.Results.Where(r => r.Changed).Select(r => (r.ControlId, r.PreviousStatus, r.Status)).OrderBy(c => c.ControlId, StringComparer.Ordinal).ToList();
        Assert.Equal([("1.2.1", (ComplianceStatus?)ComplianceStatus.NotAssessed, ComplianceStatus.Met), ("3.4.1", ComplianceStatus.PartlyMet, ComplianceStatus.Met)], changed);
        Assert.Equal((2, -1), (october.Met - september.Met, october.PartlyMet - september.PartlyMet));

        // More evidence after the freeze, and a second run: the frozen month stays as it was.
        await using (var scope = factory.PlatformScope(out var db))
        {
            db.ManualEvidence.Add(ManualEvidence.Attest(tenant, Pci, "10.2.1", "x", "y", "z", new DateOnly(2027, 1, 31), null, new DateTimeOffset(2026, 10, 6, 0, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync();
            var again = await SendAsync(new RunComplianceCheck(tenant, Pci, October));
            Assert.Equal((october.Id, false), (again.CheckId!.Value, again.Frozen));
            Assert.Equal(1, await db.ComplianceChecks.CountAsync(c => c.TenantId == tenant && c.Month == October));
            var stored = await db.ComplianceCheckResults.Where(r => r.CheckId == october.Id).OrderBy(r => r.Id).Select(r => r.Reason).ToListAsync();
            Assert.Equal(october.Results.OrderBy(r => r.Id).Select(r => r.Reason), stored);
        }

        // The running month cannot be frozen.
        var early = await SendAsync(new RunComplianceCheck(tenant, Pci, new DateOnly(2026, 11, 1)));
        Assert.Equal("2026-11 has not ended yet.", early.Error);
    }

    [Fact]
    public async Task The_monthly_job_finds_each_applied_framework_whose_last_month_is_not_frozen()
    {
        var tenant = await BareTenantAsync("job");
        var before = await SendAsync(new ListDueComplianceChecks());
        Assert.Contains(new DueComplianceCheck(tenant, Pci, October), before);

        await CheckAsync(tenant, October);

        Assert.DoesNotContain(new DueComplianceCheck(tenant, Pci, October), await SendAsync(new ListDueComplianceChecks()));
    }

    [Fact]
    public async Task Business_owner_reads_status_attests_and_downloads_an_evidence_pack_that_feeds_the_value_figure()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var owner = await factory.SignInAsync(a.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var controlPage = $"/Compliance/{Pci}/Control?tenant={a.Slug}&control=1.2.1";

        var attest = await owner.PostFormAsync(controlPage, $"/Compliance/{Pci}/Control/Attest", new()
        {
            ["tenant"] = a.Slug, ["control"] = "1.2.1", ["Title"] = "Rule base reviewed", ["Text"] = "We reviewed it.", ["Owner"] = "Helena Brandt", ["ReviewDue"] = "2027-03-31",
        });
        var refused = await owner.PostFormAsync(controlPage, $"/Compliance/{Pci}/Control/Attest", new()
        {
            ["tenant"] = a.Slug, ["control"] = "1.2.1", ["Title"] = "Half a form", ["Owner"] = "",
        });
        var upload = await owner.PostFormAsync(controlPage, $"/Compliance/{Pci}/Control/Evidence", new() { ["tenant"] = a.Slug, ["control"] = "1.2.1" });
        var refusedPage = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, attest.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Name the person who answers for it.", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"Half a form\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Contains("Rule base reviewed", await owner.GetStringAsync(controlPage), StringComparison.Ordinal);

        // The check of October (the attestation was made on 29 November: it counts from November on).
        await CheckAsync(a.Id, October);
        var page = await owner.GetStringAsync($"/Compliance/{Pci}?tenant={a.Slug}");
        Assert.Contains("data-control=\"10.2.1\" data-status=\"NotMet\"", page, StringComparison.Ordinal);
        Assert.Contains("data-month=\"2026-10\"", await owner.GetStringAsync($"/Compliance?tenant={a.Slug}"), StringComparison.Ordinal);

        var pack = await owner.GetAsync($"/Compliance/{Pci}/EvidencePack?tenant={a.Slug}&from=2026-10-01&to=2026-10-31");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/zip", pack.Content.Headers.ContentType!.MediaType);
        var bytes = await pack.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "evidence/monthly-checks.csv");
            // The writer's own files: the PDF index, the controls, OSCAL assessment results, the manifest.
            foreach (var name in new[] { "index.pdf", "controls.csv", "controls.json", "oscal-assessment-results.json", "manifest.json" })
            {
                Assert.Contains(zip.Entries, e => e.FullName == name);
            }
            using var oscal = System.Text.Json.JsonDocument.Parse(zip.GetEntry("oscal-assessment-results.json")!.Open());
            Assert.Equal(6, oscal.RootElement.GetProperty("assessment-results").GetProperty("results")[0].GetProperty("findings").GetArrayLength());
        }

        await using var scope = factory.PlatformScope(out var db);
        var record = await db.EvidencePackRecords.SingleAsync(r => r.TenantId == a.Id);
        var results = await db.ComplianceCheckResults.Where(r => r.TenantId == a.Id).ToListAsync();
        // Automated controls whose records decided: 10.2.1, 10.4.1, 11.5.1 (3 of 6).
        var automated = results.Count(r => r.Automation == ControlAutomation.Automated && r.Status is not (ComplianceStatus.NotAssessed or ComplianceStatus.NotApplicable));
        Assert.Equal((6, 3, 3), (record.Controls, record.AutomatedControls, automated));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), record.Sha256);

        // Value: no audit days reported in November, a pack downloaded → 10 baseline days × 3/6 = 5.0 days saved.
        var profile = BusinessProfile.For(a.Id);
        profile.Update(50, 100, new ValueBaseline { ComplianceAuditDays = 10 }, null, factory.Clock.GetUtcNow());
        db.BusinessProfiles.Add(profile);
        await db.SaveChangesAsync();
        var figures = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ComputeMonthlyValue(a.Id, 2026, 11));
        var saved = figures.Find(ValueKeys.AuditTimeSaved)!;
        Assert.Equal(5.0m, saved.Value);
        Assert.Contains($"evidence pack #{record.Id}", saved.Formula, StringComparison.Ordinal);
        // October has no pack: no value, as before.
        Assert.Null((await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ComputeMonthlyValue(a.Id, 2026, 10))).Find(ValueKeys.AuditTimeSaved)!.Value);
    }

    [Fact]
    public async Task Analyst_of_another_tenant_gets_404_and_never_sees_a_tenants_licensed_text()
    {
        var a = await TestTenant.CreateAsync(factory, "la");
        var b = await TestTenant.CreateAsync(factory, "lb");
        var ownerA = await factory.SignInAsync(a.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var ownerB = await factory.SignInAsync(b.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var analystB = await factory.SignInAsync(b.UserEmails[PortalRole.Analyst], TestTenant.Password);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(await ownerA.AntiforgeryTokenAsync($"/Compliance/{Pci}?tenant={a.Slug}")), "__RequestVerificationToken" },
            { new StringContent(a.Slug), "tenant" },
        };
        var csv = new ByteArrayContent("id,text\n1.2.1,\"Licensed words of A, quoted\"\n99.9,unknown\n"u8.ToArray());
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(csv, "file", "pci.csv");
        var imported = await ownerA.PostAsync($"/Compliance/{Pci}/LicensedText", form);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Licensed words of A, quoted", await ownerA.GetStringAsync($"/Compliance/{Pci}/Control?tenant={a.Slug}&control=1.2.1"), StringComparison.Ordinal);
        Assert.DoesNotContain("Licensed words of A", await ownerB.GetStringAsync($"/Compliance/{Pci}/Control?tenant={b.Slug}&control=1.2.1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await analystB.GetAsync($"/Compliance/{Pci}/Control?tenant={a.Slug}&control=1.2.1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analystB.GetAsync($"/Compliance/{Pci}?tenant={a.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analystB.GetAsync($"/Compliance/{Pci}/EvidencePack?tenant={a.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analystB.GetAsync($"/Compliance/Evidence/{a.RowIds[typeof(ManualEvidence)]}")).StatusCode);
        Assert.DoesNotContain(a.Marker, await analystB.GetStringAsync("/Compliance"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_control_of_the_mapping_is_a_live_control_of_a_shipped_framework()
    {
        var shipped = FrameworkCatalog.LoadEmbedded();

        var missing = ComplianceMapping.Table.Where(e => shipped.Find(e.FrameworkId)?.Controls.Any(c => !c.Withdrawn && ComplianceMapping.Key(c.Id) == ComplianceMapping.Key(e.ControlId)) != true)
            .Select(e => $"{e.FrameworkId} {e.ControlId}").ToList();

        Assert.Empty(missing);
        Assert.Equal("321", ComplianceMapping.Key("Article 32(1)").Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal));
    }

    private async Task<Guid> BareTenantAsync(string label)
    {
        await using var scope = factory.PlatformScope(out var db);
        var tenant = new Tenant { Name = $"Compliance {label}", Slug = $"c-{label}-{Guid.NewGuid():N}"[..20], TimeZone = "UTC", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        db.Tenants.Add(tenant);
        db.TenantFrameworks.Add(TenantFramework.Apply(tenant.Id, Pci, new DateOnly(2026, 1, 1), "card data environment", null, tenant.CreatedAt));
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private async Task<ComplianceCheck> CheckAsync(Guid tenant, DateOnly month)
    {
        var outcome = await SendAsync(new RunComplianceCheck(tenant, Pci, month));
        Assert.True(outcome.Frozen, outcome.Error);
        await using var scope = factory.PlatformScope(out var db);
        return await db.ComplianceChecks.AsNoTracking().Include(c => c.Results).SingleAsync(c => c.Id == outcome.CheckId);
    }

    [Fact]
    public async Task Retention_is_read_against_each_framework_floor_kind_by_kind()
    {
        var tenant = await BareTenantAsync("retention");
        var window = new EvaluationWindow(tenant, October, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), OctoberEnd);
        await using (var scope = factory.PlatformScope(out var db))
        {
            // Nothing set: the defaults (12 months of raw logs and events, 36 of audit log) meet both floors.
            var defaults = await new ComplianceEvaluators(db, factory.Clock).EvaluateAsync(EvidenceSource.RetentionSettings, window, default);
            Assert.Equal(ComplianceStatus.Met, defaults.Status);
            Assert.Equal("PCI DSS v4.0.1 Requirement 10.5.1 asks for at least 12 months: raw log batches and quarantined lines 12 months (default); "
                + "security events 12 months (default); audit log 36 months (default)", defaults.Reason);

            // Events cut to 9 months with a justification: under PCI's 12, over China's 6.
            var events = RetentionPolicy.For(tenant, RetentionKind.SecurityEvents);
            events.Change(9, "events also archived off-site", "test", factory.Clock.GetUtcNow());
            db.RetentionPolicies.Add(events);
            await db.SaveChangesAsync();
            var pci = await new ComplianceEvaluators(db, factory.Clock).EvaluateAsync(EvidenceSource.RetentionSettings, window, default);
            var csl = await new ComplianceEvaluators(db, factory.Clock).EvaluateAsync(EvidenceSource.NetworkLogRetention, window, default);
            Assert.Equal(ComplianceStatus.NotMet, pci.Status);
            Assert.EndsWith("Below the floor: security events (9 months, justification: events also archived off-site)", pci.Reason);
            Assert.Equal(ComplianceStatus.Met, csl.Status);
            Assert.EndsWith("security events 9 months", csl.Reason);
        }
    }

    private async Task<ComplianceCheckResult> ResultAsync(Guid tenant, DateOnly month, string control) =>
        (await CheckAsync(tenant, month)).Results.Single(r => r.ControlId == control);

    private async Task<T> SendAsync<T>(IMessage message)
    {
        await using var scope = factory.PlatformScope(out _);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        return message switch
        {
            ICommand<T> command => await sender.Send(command),
            IQuery<T> query => await sender.Send(query),
            _ => throw new ArgumentException("not a message", nameof(message)),
        };
    }

    private Task<ComplianceCheckOutcome> SendAsync(RunComplianceCheck command) => SendAsync<ComplianceCheckOutcome>(command);

    private Task<IReadOnlyList<DueComplianceCheck>> SendAsync(ListDueComplianceChecks query) => SendAsync<IReadOnlyList<DueComplianceCheck>>(query);
}
