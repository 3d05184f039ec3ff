using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Detection;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Infrastructure.Demo;

public sealed record DemoSeedResult(IReadOnlyList<DemoSignIn> SignIns, int Tenants, int Alerts);

public sealed record DemoSignIn(string Email, string Password, PortalRole Role, string Scope);

public sealed record SeedProgress(string Step, int Done, int Total);

/// <summary>
/// Three tenants modelled on the reference customers, with 30 days of alerts. Deterministic (fixed random
/// seed, times relative to the injected clock) so screenshots and tests see the same portal every run.
/// </summary>
public sealed class DemoSeeder(
    PortalDbContext db,
    ITenantContext tenant,
    UserManager<PortalUser> users,
    TimeProvider clock)
{
    public const string DemoPassword = "Demo-Passw0rd!";

    /// <summary>One person per role; the analyst covers all three demo tenants.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, PortalRole Role, string[] Slugs)> People =
    [
        ("admin@mssp.example", "Morgan Admin", PortalRole.PlatformAdmin, []),
        ("analyst@mssp.example", "Alex Analyst", PortalRole.Analyst, ["northwind-shop", "harbor-bank", "orbit-saas"]),
        ("owner@northwind-shop.example", "Nora Owner", PortalRole.BusinessOwner, ["northwind-shop"]),
        ("committee@harbor-bank.example", "Hugo Committee", PortalRole.CommitteeMember, ["harbor-bank"]),
        ("auditor@orbit-saas.example", "Olive Auditor", PortalRole.Auditor, ["orbit-saas"]),
    ];

    public async Task<bool> HasDemoUsersAsync() => await users.FindByEmailAsync(People[0].Email) is not null;

    /// <summary>Demo data goes only into an empty database, whatever scope the caller has: so the check is platform-wide.</summary>
    public async Task<bool> HasAnyTenantAsync(CancellationToken cancellationToken) =>
        await db.Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AnyAsync(cancellationToken);

    public async Task<DemoSeedResult> SeedAsync(bool includeUsers, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        // Seeding is platform-wide work: it writes rows of several tenants.
        tenant.SetScope([], seesAll: true);
        var now = clock.GetUtcNow();
        var random = new Random(20261129);
        var profiles = DemoTenants.All;
        var total = profiles.Count * 3 + (includeUsers ? 1 : 0);
        var done = 0;
        var alertCount = 0;
        var created = new List<Tenant>();

        foreach (var profile in profiles)
        {
            progress?.Report(new SeedProgress($"Tenant {profile.Slug}", done, total));
            var t = new Tenant
            {
                Name = profile.Name,
                Slug = profile.Slug,
                Industry = profile.Industry,
                Tier = profile.Tier,
                TimeZone = profile.TimeZone,
                Currency = profile.Currency,
                CreatedAt = now.AddDays(-120),
            };
            db.Tenants.Add(t);
            created.Add(t);
            var assets = profile.Assets.Select(a => new Asset
            {
                TenantId = t.Id,
                Kind = a.Kind,
                Name = a.Name,
                Identifiers = a.Identifiers,
                Criticality = a.Criticality,
                BusinessService = a.Service,
                BusinessOwner = profile.BusinessOwner,
                DowntimeCostPerHour = a.DowntimeCostPerHour,
            }).ToList();
            db.Assets.AddRange(assets);
            await db.SaveChangesAsync(cancellationToken);

            foreach (var source in profile.Sources)
            {
                var key = ApiKeyHasher.Create();
                db.LogSources.Add(new LogSource
                {
                    TenantId = t.Id,
                    Name = source.Name,
                    Vendor = source.Vendor,
                    Product = source.Product,
                    ExpectedFormat = source.Format,
                    SourceAddresses = source.Addresses,
                    AssetId = assets.FirstOrDefault(a => a.Name == source.AssetName)?.Id,
                    ApiKeyPrefix = key.Prefix,
                    ApiKeyHash = key.Hash,
                    LastSeenAt = now.AddMinutes(-random.Next(1, 90)),
                });
            }
            AddContract(t, profile, now);
            await AddCommitteeAsync(t, profile, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            progress?.Report(new SeedProgress($"Alerts for {profile.Slug}", ++done, total));

            var windows = AddProtectionWindows(t, now);
            alertCount += await AddAlertsAsync(t, profile, assets, windows, now, random, cancellationToken);
            progress?.Report(new SeedProgress($"Tenant {profile.Slug} done", done += 2, total));
        }

        var signIns = new List<DemoSignIn>();
        if (includeUsers)
        {
            signIns.AddRange(await AddUsersAsync(created, now, cancellationToken));
            progress?.Report(new SeedProgress("Users", ++done, total));
        }
        return new DemoSeedResult(signIns, created.Count, alertCount);
    }

    private void AddContract(Tenant t, DemoTenant profile, DateTimeOffset now)
    {
        var contract = new ServiceContract
        {
            TenantId = t.Id,
            Tier = profile.Tier,
            StartsOn = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-4),
            EndsOn = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(8),
            BaseMonthlyFee = profile.BaseMonthlyFee,
            ValueSharePercent = profile.Tier == ServiceTier.FullStewardship ? 10 : 5,
            ValueShareCap = profile.BaseMonthlyFee / 2,
        };
        // Tighter clocks for richer tiers; minutes to acknowledge / to resolve per severity.
        var factor = profile.Tier switch { ServiceTier.FullStewardship => 1, ServiceTier.Professional => 2, _ => 4 };
        (AlertSeverity Severity, int Ack, int Resolve)[] targets =
        [
            (AlertSeverity.Critical, 15, 240), (AlertSeverity.High, 30, 480),
            (AlertSeverity.Medium, 120, 1440), (AlertSeverity.Low, 480, 4320),
        ];
        foreach (var (severity, ack, resolve) in targets)
        {
            contract.SlaTargets.Add(new SlaTarget
            {
                TenantId = t.Id,
                Severity = severity,
                AcknowledgeWithinMinutes = ack * factor,
                ResolveWithinMinutes = resolve * factor,
            });
        }
        db.ServiceContracts.Add(contract);
    }

    private async Task AddCommitteeAsync(Tenant t, DemoTenant profile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var committee = new JointCommittee { TenantId = t.Id, Name = $"{profile.Name} security committee", Charter = profile.Charter };
        db.Committees.Add(committee);
        await db.SaveChangesAsync(cancellationToken);
        db.CommitteeMembers.AddRange(
            new CommitteeMember { TenantId = t.Id, CommitteeId = committee.Id, Name = profile.BusinessOwner, Side = CommitteeSide.Customer, Role = "Business owner" },
            new CommitteeMember { TenantId = t.Id, CommitteeId = committee.Id, Name = "Dana Whitfield", Side = CommitteeSide.Mssp, Role = "SOC lead" });
        var lastWeek = new Meeting { TenantId = t.Id, CommitteeId = committee.Id, Kind = MeetingKind.Weekly, ScheduledAt = now.AddDays(-7), HeldAt = now.AddDays(-7), Minutes = "Reviewed open high alerts and the patch backlog." };
        db.Meetings.Add(lastWeek);
        db.Meetings.Add(new Meeting { TenantId = t.Id, CommitteeId = committee.Id, Kind = MeetingKind.Weekly, ScheduledAt = now.AddDays(7) });
        await db.SaveChangesAsync(cancellationToken);
        db.ActionItems.Add(new ActionItem { TenantId = t.Id, MeetingId = lastWeek.Id, Title = "Enable MFA on the remaining admin accounts", Owner = profile.BusinessOwner, DueOn = DateOnly.FromDateTime(now.UtcDateTime.AddDays(14)) });
    }

    // Northwind runs a sales promotion now, so its checkout alerts show a protection window in their score.
    private List<Core.Scoring.ProtectionWindow> AddProtectionWindows(Tenant t, DateTimeOffset now)
    {
        if (t.Slug != "northwind-shop")
        {
            return [];
        }
        var window = new ProtectionWindow
        {
            TenantId = t.Id,
            Name = "Spring sale",
            StartsAt = now.AddDays(-3),
            EndsAt = now.AddDays(4),
            Services = "Checkout,Storefront",
            Weight = 1.3,
            UpdatedAt = now,
        };
        db.ProtectionWindows.Add(window);
        return [AlertScoring.ToCore(window)];
    }

    private async Task<int> AddAlertsAsync(Tenant t, DemoTenant profile, List<Asset> assets, List<Core.Scoring.ProtectionWindow> windows,
        DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var count = 0;
        for (var day = 29; day >= 0; day--)
        {
            var perDay = random.Next(3, 8);
            for (var i = 0; i < perDay; i++)
            {
                var scenario = profile.Scenarios[random.Next(profile.Scenarios.Count)];
                var asset = assets[random.Next(assets.Count)];
                var detectedAt = now.AddDays(-day).AddMinutes(-random.Next(0, 24 * 60));
                var severity = PickSeverity(random, scenario.Severity);
                var intel = scenario.Techniques == "T1071" ? random.Next(40, 95) : (int?)null;
                var score = AlertScoring.Score(scenario.BaseRisk, detectedAt,
                    new AssetInfo(asset.Id, asset.Name, asset.Criticality, asset.BusinessService, asset.DowntimeCostPerHour),
                    intel, scenario.Techniques.Split(','), windows, AttackCatalog.BuiltIn);
                var alert = Alert.Raise(t.Id, scenario.RuleId, scenario.Title, severity, score.Value, detectedAt);
                alert.BaseRisk = scenario.BaseRisk;
                alert.IntelConfidence = intel;
                alert.RuleAuthor = "MsspPortal";
                alert.RiskFactors = AlertScoring.FactorsJson(score);
                alert.Techniques = scenario.Techniques;
                alert.SourceIp = $"{random.Next(11, 223)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
                alert.DestinationIp = asset.Identifiers.Split(',')[0].Trim();
                alert.HostName = asset.Name;
                alert.UserName = scenario.WithUser ? profile.Users[random.Next(profile.Users.Count)] : null;
                alert.AssetId = asset.Id;
                alert.EventCount = random.Next(1, scenario.MaxEvents + 1);
                alert.LastSeen = detectedAt.AddMinutes(random.Next(0, 30));
                alert.RiskBreakdown = score.Explanation;
                Progress(alert, day, severity, random);
                db.Alerts.Add(alert);
                count++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    // Older alerts are mostly closed; the last two days keep a live queue for the analyst.
    private static void Progress(Alert alert, int ageDays, AlertSeverity severity, Random random)
    {
        var ack = alert.DetectedAt.AddMinutes(severity >= AlertSeverity.High ? random.Next(3, 25) : random.Next(10, 180));
        if (ageDays <= 1 && random.NextDouble() < 0.6)
        {
            if (random.NextDouble() < 0.4)
            {
                alert.ChangeStatus(AlertStatus.Acknowledged, null, ack, "Picked up by the SOC");
            }
            return;
        }
        alert.ChangeStatus(AlertStatus.InProgress, null, ack, "Investigating");
        var roll = random.NextDouble();
        var end = ack.AddMinutes(random.Next(20, 600));
        if (roll < 0.25)
        {
            alert.ChangeStatus(AlertStatus.FalsePositive, null, end, "Benign: known scanner or test traffic");
        }
        else if (roll < 0.32 && severity >= AlertSeverity.High)
        {
            alert.ChangeStatus(AlertStatus.Escalated, null, end, "Escalated to the customer's on-call");
        }
        else
        {
            alert.ChangeStatus(AlertStatus.Resolved, null, end, "Blocked at the perimeter; no impact");
        }
    }

    private static AlertSeverity PickSeverity(Random random, AlertSeverity typical)
    {
        var roll = random.NextDouble();
        var shift = roll < 0.15 ? -1 : roll > 0.9 ? 1 : 0;
        return (AlertSeverity)Math.Clamp((int)typical + shift, 0, 3);
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
