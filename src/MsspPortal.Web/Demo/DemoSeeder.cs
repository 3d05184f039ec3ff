using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Intel;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Demo;

public sealed record DemoSeedResult(IReadOnlyList<DemoSignIn> SignIns, int Tenants, int Alerts, IReadOnlyList<DemoTenantCounts> Counts);

public sealed record DemoTenantCounts(string Slug, long Lines, long Events, long Quarantined, int Alerts);

public sealed record DemoSignIn(string Email, string Password, PortalRole Role, string Scope);

public sealed record SeedProgress(string Step, int Done, int Total);

// Settings under "Demo".
public sealed class DemoOptions
{
    public const string Section = "Demo";

    // Days of logs to generate; 0 (the default) for the six whole months before this month plus this month so far.
    public int Days { get; set; }

    // The generator's seed: the same seed and clock give the same database.
    public int Seed { get; set; } = 20261129;
}

// Three tenants modelled on the reference customers. Their devices' logs for the last six months are generated
// (DemoLogs) and sent through the real ingestion: stored as batches by AcceptBatch, parsed, written and detected by
// the ProcessBatch handler, each batch on a clock set to its own time. So every alert has its events, every counter
// its batches, every indicator alert its intel list. Only the analysts' triage is simulated, and that through the
// triage handlers acting as the demo analyst on the demo clock (DemoTriage).
public sealed class DemoSeeder(
    PortalDbContext db,
    ITenantContext tenant,
    UserManager<PortalUser> users,
    TimeProvider clock,
    IServiceProvider services,
    IOptions<DemoOptions> options,
    ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo-Passw0rd!";

    // One person per role first (the analyst covers all three demo tenants), then the committees' other members:
    // MSSP experts and each customer's people (DemoCommittee seats them).
    public static readonly IReadOnlyList<(string Email, string Name, PortalRole Role, string[] Slugs)> People =
    [
        ("admin@mssp.example", "Morgan Admin", PortalRole.PlatformAdmin, []),
        ("analyst@mssp.example", "Alex Analyst", PortalRole.Analyst, ["northwind-shop", "harbor-bank", "orbit-saas"]),
        ("owner@northwind-shop.example", "Nora Owner", PortalRole.BusinessOwner, ["northwind-shop"]),
        ("committee@harbor-bank.example", "Hugo Committee", PortalRole.CommitteeMember, ["harbor-bank"]),
        ("auditor@orbit-saas.example", "Olive Auditor", PortalRole.Auditor, ["orbit-saas"]),
        ("lead@mssp.example", "Dana Whitfield", PortalRole.Analyst, ["northwind-shop", "harbor-bank", "orbit-saas"]),
        ("intel@mssp.example", "Tariq Haddad", PortalRole.Analyst, ["northwind-shop", "harbor-bank", "orbit-saas"]),
        ("consultant@mssp.example", "Beatriz Lopes", PortalRole.Analyst, ["northwind-shop", "orbit-saas"]),
        ("ecommerce@northwind-shop.example", "Carlos Mendes", PortalRole.CommitteeMember, ["northwind-shop"]),
        ("cto@northwind-shop.example", "Ingrid Larsen", PortalRole.CommitteeMember, ["northwind-shop"]),
        ("security@northwind-shop.example", "Sven Ito", PortalRole.CommitteeMember, ["northwind-shop"]),
        ("ciso@harbor-bank.example", "Helena Brandt", PortalRole.CommitteeMember, ["harbor-bank"]),
        ("payments@harbor-bank.example", "Paul Okafor", PortalRole.CommitteeMember, ["harbor-bank"]),
        ("cto@orbit-saas.example", "Omar Reyes", PortalRole.CommitteeMember, ["orbit-saas"]),
        ("privacy@orbit-saas.example", "Priya Nair", PortalRole.CommitteeMember, ["orbit-saas"]),
    ];

    public async Task<bool> HasDemoUsersAsync() => await users.FindByEmailAsync(People[0].Email) is not null;

    // Demo data goes only into an empty database, whatever scope the caller has: so the check is platform-wide.
    public async Task<bool> HasAnyTenantAsync(CancellationToken cancellationToken) =>
        await db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(cancellationToken);

    public async Task<DemoSeedResult> SeedAsync(bool includeUsers, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        // Seeding is platform-wide work: it writes rows of several tenants.
        tenant.SetScope([], seesAll: true);
        var now = clock.GetUtcNow();
        var calendar = new DemoCalendar(now, options.Value.Days);
        var logs = new DemoLogs(calendar, options.Value.Seed);
        var profiles = DemoTenants.All;
        var days = calendar.Days().ToList();
        var spans = calendar.Spans().ToList();
        var total = spans.Count * profiles.Sum(p => p.Sources.Count) + profiles.Count + 2;
        var done = 0;
        var timer = Stopwatch.StartNew();
        logger.LogInformation("Demo: seeding {Tenants} tenants with {Days} days of logs ({From:yyyy-MM-dd} to {To:yyyy-MM-dd})",
            profiles.Count, days.Count, calendar.Start, now);

        var created = new List<(Tenant Tenant, DemoTenant Profile, List<LogSource> Sources)>();
        foreach (var profile in profiles)
        {
            progress?.Report(new SeedProgress($"Tenant {profile.Slug}", done, total));
            created.Add(await AddTenantAsync(profile, calendar, cancellationToken));
            progress?.Report(new SeedProgress($"Tenant {profile.Slug}", ++done, total));
        }

        var signIns = new List<DemoSignIn>();
        string? analystId = null;
        if (includeUsers)
        {
            signIns.AddRange(await AddUsersAsync(created.Select(c => c.Tenant).ToList(), now, cancellationToken));
            analystId = (await users.FindByEmailAsync(People[1].Email))?.Id;
        }
        await new DemoCommittee(db, users).SeatAsync(created.Select(c => c.Tenant).ToList(), cancellationToken);
        var demoClock = new DemoClock(calendar.Start);
        await ImportIntelAsync(created.Select(c => c.Tenant).ToList(), demoClock, cancellationToken);
        progress?.Report(new SeedProgress("Intel lists", ++done, total));
        logger.LogInformation("Demo: tenants, assets, services and intel lists ready after {Seconds:F1} s", timer.Elapsed.TotalSeconds);

        var counts = created.ToDictionary(c => c.Tenant.Id, _ => new Counter());
        var plan = spans.SelectMany(span => created.SelectMany((c, t) => c.Sources.Select((s, i) => (Span: span, Created: c, TenantIndex: t, SourceIndex: i, Source: s))));
        Task<List<DemoLine>>? next = null;
        using var batches = plan.GetEnumerator();
        var hasNext = batches.MoveNext();
        var month = -1;
        var phases = new SeedTimings();
        IngestionTimings.Reset();
        while (hasNext)
        {
            var current = batches.Current;
            var waited = Stopwatch.GetTimestamp();
            var lines = await (next ?? Generate(logs, current));
            phases.Generate += Stopwatch.GetElapsedTime(waited);
            hasNext = batches.MoveNext();
            // The next batch is generated on another core while this one goes through the pipeline.
            next = hasNext ? Generate(logs, batches.Current) : null;
            var first = current.Span.Days[0];
            if (first.Date.Month != month)
            {
                month = first.Date.Month;
                logger.LogInformation("Demo: ingesting {Month:yyyy-MM} ({Seconds:F1} s so far)", first.Start, timer.Elapsed.TotalSeconds);
            }
            var result = await IngestAsync(current.Created.Tenant.Id, current.Source.Id, lines, current.Span.End, demoClock, phases, cancellationToken);
            counts[current.Created.Tenant.Id].Add(lines.Count, result);
            progress?.Report(new SeedProgress($"Logs {first.Date:yyyy-MM-dd} {current.Created.Profile.Slug}", ++done, total));
        }

        var triageStarted = Stopwatch.GetTimestamp();
        var triaged = await new DemoTriage(services, calendar, options.Value.Seed).RunAsync(cancellationToken);
        var triageTime = Stopwatch.GetElapsedTime(triageStarted);
        tenant.SetScope([], seesAll: true);
        progress?.Report(new SeedProgress("Triage", ++done, total));
        var incidents = await new DemoIncidents(services, analystId).OpenAndCloseAsync(calendar, cancellationToken);
        logger.LogInformation("Demo: {Incidents} incidents opened and closed with their impact", incidents);
        var inputs = await new DemoValueInputs(services, calendar).EnterAsync(cancellationToken);
        tenant.SetScope([], seesAll: true);
        logger.LogInformation("Demo: {Profiles} business profiles, {Versions} assumption versions, {Figures} reported figures",
            inputs.Profiles, inputs.AssumptionVersions, inputs.ReportedFigures);
        var (reportsBuilt, reportsPublished) = await new DemoValueReports(services).BuildAsync(calendar, cancellationToken);
        tenant.SetScope([], seesAll: true);
        logger.LogInformation("Demo: {Reports} monthly value reports built, {Published} published", reportsBuilt, reportsPublished);
        await new DemoCommitteeSetup(services, calendar).RunAsync(cancellationToken);
        tenant.SetScope([], seesAll: true);
        await new DemoCommitteeEmergency(services, calendar).RunAsync(cancellationToken);
        await new DemoCommitteeWindows(services, calendar).RunAsync(cancellationToken);
        await new DemoCommitteeMeetings(services, calendar).RunAsync(cancellationToken);
        logger.LogInformation("Demo: {Retrospectives} quarterly retrospectives signed off", await new DemoCommitteeRetrospectives(services, calendar).RunAsync(cancellationToken));
        tenant.SetScope([], seesAll: true);
        logger.LogInformation("Demo: personal-data breach flagged and notified: {Flagged}", await new DemoBreaches(services, calendar).RunAsync(cancellationToken));
        logger.LogInformation("Demo: retention set for {Tenants} tenants", await new DemoRetention(services, calendar).RunAsync(cancellationToken));
        logger.LogInformation("Demo: {Checks} monthly compliance checks frozen", await new DemoCompliance(services, calendar).RunAsync(cancellationToken));
        var alertCounts = await db.Alerts.GroupBy(a => a.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var perTenant = created.Select(c => new DemoTenantCounts(c.Profile.Slug, counts[c.Tenant.Id].Lines, counts[c.Tenant.Id].Events,
            counts[c.Tenant.Id].Quarantined, alertCounts.GetValueOrDefault(c.Tenant.Id))).ToList();
        foreach (var c in perTenant)
        {
            logger.LogInformation("Demo: {Tenant}: {Lines:N0} lines, {Events:N0} events, {Quarantined:N0} quarantined, {Alerts:N0} alerts",
                c.Slug, c.Lines, c.Events, c.Quarantined, c.Alerts);
        }
        logger.LogInformation("Demo: seeded in {Seconds:F1} s ({Triaged} older alerts triaged and {Live} steps on the live queue in {Triage:F1} s); waited for generation {Generate:F1} s, stored {Store:F1} s, processed {Process:F1} s ({Phases})",
            timer.Elapsed.TotalSeconds, triaged.Triaged, triaged.Live, triageTime.TotalSeconds, phases.Generate.TotalSeconds, phases.Store.TotalSeconds, phases.Process.TotalSeconds,
            string.Join(", ", IngestionTimings.Snapshot().Select(p => $"{p.Key} {p.Value.TotalSeconds:F1} s")));
        return new DemoSeedResult(signIns, created.Count, perTenant.Sum(c => c.Alerts), perTenant);
    }

    private static Task<List<DemoLine>> Generate(DemoLogs logs, (DemoSpan Span, (Tenant Tenant, DemoTenant Profile, List<LogSource> Sources) Created, int TenantIndex, int SourceIndex, LogSource Source) batch)
    {
        var profile = batch.Created.Profile;
        var source = profile.Sources[batch.SourceIndex];
        // Each day's lines are in time order and the days follow each other: the span's lines are too.
        return Task.Run(() => batch.Span.Days.SelectMany(day => logs.Lines(batch.TenantIndex, profile, batch.SourceIndex, source, day)).ToList());
    }

    private async Task<(Tenant Tenant, DemoTenant Profile, List<LogSource> Sources)> AddTenantAsync(DemoTenant profile, DemoCalendar calendar, CancellationToken cancellationToken)
    {
        var now = calendar.Now;
        var t = new Tenant
        {
            Name = profile.Name,
            Slug = profile.Slug,
            Industry = profile.Industry,
            Tier = profile.Tier,
            TimeZone = profile.TimeZone,
            Currency = profile.Currency,
            CreatedAt = calendar.Start.AddDays(-14),
        };
        db.Tenants.Add(t);
        var servicesByName = profile.Services.ToDictionary(s => s.Name, s => new BusinessService
        {
            TenantId = t.Id,
            Name = s.Name,
            Description = s.Description,
            RevenuePerHour = s.RevenuePerHour,
            DowntimeCostPerHour = s.DowntimeCostPerHour,
            BusinessHoursStart = s.Start,
            BusinessHoursEnd = s.End,
            BusinessDays = s.Days,
        });
        db.BusinessServices.AddRange(servicesByName.Values);
        var assets = profile.Assets.Select(a => new Asset
        {
            TenantId = t.Id,
            Kind = a.Kind,
            Name = a.Name,
            Identifiers = a.Identifiers,
            Criticality = a.Criticality,
            BusinessService = servicesByName[a.Service],
            BusinessOwner = profile.BusinessOwner,
        }).ToList();
        db.Assets.AddRange(assets);
        await db.SaveChangesAsync(cancellationToken);

        var sources = new List<LogSource>();
        foreach (var source in profile.Sources)
        {
            var key = ApiKeyHasher.Create();
            sources.Add(new LogSource(t.Id, key.Prefix, key.Hash)
            {
                Name = source.Name,
                Vendor = source.Vendor,
                Product = source.Product,
                ExpectedFormat = source.Format,
                SourceAddresses = source.Addresses,
                AssetId = assets.FirstOrDefault(a => a.Name == source.AssetName)?.Id,
            });
        }
        db.LogSources.AddRange(sources);
        AddContract(t, profile, now);
        AddCommittee(t, profile);
        AddProtectionWindow(t, calendar);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo: tenant {Tenant} with {Services} business services, {Assets} assets, {Sources} log sources",
            profile.Slug, servicesByName.Count, assets.Count, sources.Count);
        return (t, profile, sources);
    }

    private void AddContract(Tenant t, DemoTenant profile, DateTimeOffset now)
    {
        // Signed before the six months of logs begin, so every demo alert runs under its service levels.
        var billing = profile.Billing;
        var contract = ServiceContract.Sign(t.Id, profile.Tier, DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-7),
            DateOnly.FromDateTime(now.UtcDateTime).AddMonths(8), billing.Period, billing.BaseFee);
        // The fee's value part is a share of the revenue growth the tenant reports, never of an estimate.
        contract.ShareRevenueGrowth(billing.SharePercent, billing.ThresholdPercent, billing.Reading, billing.ShareCap);
        // Tighter clocks for richer tiers; minutes to acknowledge / to resolve per severity.
        var factor = profile.Tier switch { ServiceTier.FullStewardship => 1, ServiceTier.Professional => 2, _ => 4 };
        (AlertSeverity Severity, int Ack, int Resolve, decimal? Target, decimal Credit)[] targets =
        [
            (AlertSeverity.Critical, 15, 240, 95, 10), (AlertSeverity.High, 30, 480, 90, 5),
            (AlertSeverity.Medium, 120, 1440, 85, 2), (AlertSeverity.Low, 480, 4320, null, 0),
        ];
        foreach (var (severity, ack, resolve, target, credit) in targets)
        {
            contract.Promise(severity, ack * factor, resolve * factor);
            // Below the target attainment in a period, the next invoice is credited this percent of the base fee.
            contract.CreditWhenMissed(severity, target, credit);
        }
        contract.CapSlaCredits(billing.BaseFee / 5);
        db.ServiceContracts.Add(contract);
    }

    // The committee and its weekly rhythm; DemoCommittee seats its members once the accounts exist.
    private void AddCommittee(Tenant t, DemoTenant profile)
    {
        var committee = JointCommittee.Form(t.Id, $"{profile.Name} security committee", profile.Charter);
        committee.MeetWeekly(DemoCommittee.SyncDay(profile.Slug), new TimeOnly(10, 0), 45);
        db.Committees.Add(committee);
    }

    // Northwind's November sale: the protection window raises the score of alerts on checkout and storefront.
    private void AddProtectionWindow(Tenant t, DemoCalendar calendar)
    {
        if (t.Slug != "northwind-shop")
        {
            return;
        }
        db.ProtectionWindows.Add(ProtectionWindow.Open(t.Id, "November sale",
            new DateTimeOffset(calendar.SaleStart.AddDays(-7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(calendar.SaleEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            ["Checkout", "Storefront"], 1.3, calendar.Start));
    }

    // The intel the known-bad alerts rest on, imported through the intel feature's own handler.
    private async Task ImportIntelAsync(List<Tenant> tenants, DemoClock demoClock, CancellationToken cancellationToken)
    {
        (string Slug, string List, string[] Addresses, string Description)[] lists =
        [
            ("harbor-bank", "FS-ISAC partner feed", DemoLogs.HarborBadAddresses, "Botnet command-and-control and scanners reported by member banks"),
            ("orbit-saas", "Overseas threat intel (EU and APAC)", DemoLogs.OrbitBadAddresses, "Infrastructure seen attacking SaaS providers in the new markets"),
        ];
        foreach (var (slug, list, addresses, description) in lists)
        {
            var tenantId = tenants.First(t => t.Slug == slug).Id;
            var csv = new StringBuilder("type,value,confidence,description\n");
            foreach (var address in addresses)
            {
                csv.Append("ipv4-addr,").Append(address).Append(",85,").Append(description).Append('\n');
            }
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
            var handler = ActivatorUtilities.CreateInstance<ImportIntelListHandler>(scope.ServiceProvider, (TimeProvider)demoClock);
            var outcome = await handler.Handle(new ImportIntelList { TenantId = tenantId, ListName = list, FileName = "demo-intel.csv", Content = Encoding.UTF8.GetBytes(csv.ToString()) }, cancellationToken);
            if (outcome.Imported != addresses.Length)
            {
                throw new InvalidOperationException($"Demo intel list {list} imported {outcome.Imported} of {addresses.Length}: {string.Join("; ", outcome.Skipped)}");
            }
        }
    }

    // One device batch through the real pipeline: stored as the HTTP API stores it, then processed by the same
    // handler the ingestion job sends, both on a clock set to the batch's time (scoring and counters read it).
    private async Task<BatchProcessingResult> IngestAsync(Guid tenantId, long sourceId, List<DemoLine> lines, DateTimeOffset at, DemoClock demoClock,
        SeedTimings phases, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        demoClock.Set(at);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        provider.GetRequiredService<ITenantContext>().Use(tenantId);
        var content = new MemoryStream(lines.Sum(l => l.Text.Length + 1));
        foreach (var line in lines)
        {
            content.Write(Encoding.UTF8.GetBytes(line.Text));
            content.WriteByte((byte)'\n');
        }
        content.Position = 0;
        var writer = ActivatorUtilities.CreateInstance<AcceptBatch>(provider, (TimeProvider)demoClock);
        var stored = await writer.StoreAsync(tenantId, sourceId, IngestChannel.Api, content, null, cancellationToken);
        phases.Store += Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        IEnumerable<IDetectionStage> stages = provider.GetServices<IDetectionStage>()
            .Select(s => s is DetectionStage ? ActivatorUtilities.CreateInstance<DetectionStage>(provider, (TimeProvider)demoClock) : s)
            .ToList();
        var chunks = ActivatorUtilities.CreateInstance<ChunkWriter>(provider, stages);
        var handler = ActivatorUtilities.CreateInstance<ProcessBatchHandler>(provider, (TimeProvider)demoClock, chunks);
        var result = await handler.Handle(new ProcessBatch(stored.BatchId), cancellationToken);
        phases.Process += Stopwatch.GetElapsedTime(started);
        return result;
    }

    private async Task<IReadOnlyList<DemoSignIn>> AddUsersAsync(List<Tenant> tenants, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bySlug = tenants.ToDictionary(t => t.Slug);
        var signIns = new List<DemoSignIn>();
        foreach (var (email, name, role, slugs) in People)
        {
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            Check(await users.CreateAsync(user, DemoPassword), email);
            Check(await users.AddToRoleAsync(user, role.ToString()), email);
            foreach (var slug in slugs)
            {
                db.Memberships.Add(new TenantMembership { TenantId = bySlug[slug].Id, UserId = user.Id, Role = role, GrantedAt = now });
            }
            signIns.Add(new DemoSignIn(email, DemoPassword, role, slugs.Length == 0 ? "all tenants" : string.Join(", ", slugs)));
        }
        await db.SaveChangesAsync(cancellationToken);
        return signIns;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

// The seeding's clock: each batch is stored and processed at its own time.
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Set(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}

// Where the seed's time went, logged at the end: what to look at before making it faster.
internal sealed class SeedTimings
{
    public TimeSpan Generate { get; set; }

    public TimeSpan Store { get; set; }

    public TimeSpan Process { get; set; }
}

internal sealed class Counter
{
    public long Lines { get; private set; }

    public long Events { get; private set; }

    public long Quarantined { get; private set; }

    public void Add(int lines, BatchProcessingResult result)
    {
        Lines += lines;
        Events += result.Events;
        Quarantined += result.Quarantined;
    }
}
