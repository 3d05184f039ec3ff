using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Scoring;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

public sealed record VolumeSeedResult(int Tenants, int Alerts, int HistoryRows, string AnalystEmail, string Password, TimeSpan Elapsed);

// Volume for the queue's speed (mssp seed --alerts N --tenants M, mssp bench queue): tenants tenant-001.., one analyst
// who is a member of all of them, and N alerts over the last 90 days. Unlike the demo these alerts do not come from
// logs: they are made by Alert.Raise and the alert's own triage methods (so status, acknowledgement, assignee and
// history agree as they would in production) and written with one prepared INSERT per table in one transaction.
public sealed class VolumeSeeder(PortalDbContext db, ITenantContext tenant, UserManager<PortalUser> users, TimeProvider clock)
{
    public const string AnalystEmail = "analyst@bench.example";
    public const string ColleagueEmail = "colleague@bench.example";
    public const string Password = "Bench-Passw0rd!";

    private const int AlertsPerChunk = 10_000;
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(90);

    public static string SlugOf(int index) => "tenant-" + (index + 1).ToString("000", CultureInfo.InvariantCulture);

    public Task<VolumeSeedResult> SeedAsync(int alerts, int tenants, int seed, IProgress<SeedProgress>? progress, CancellationToken cancellationToken) =>
        SeedAsync(alerts, tenants, seed, progress, null, cancellationToken);

    // The alerts' detection times spread over the span before now (90 days by default; the value bench asks for a year).
    public async Task<VolumeSeedResult> SeedAsync(int alerts, int tenants, int seed, IProgress<SeedProgress>? progress, TimeSpan? span,
        CancellationToken cancellationToken)
    {
        var spread = span ?? DefaultSpan;
        ArgumentOutOfRangeException.ThrowIfNegative(alerts);
        ArgumentOutOfRangeException.ThrowIfLessThan(tenants, 1);
        var watch = Stopwatch.StartNew();
        tenant.SetScope([], seesAll: true); // platform-wide: rows of every tenant
        var now = clock.GetUtcNow();
        var created = Enumerable.Range(0, tenants).Select(i => new Tenant
        {
            Name = "Tenant " + (i + 1).ToString("000", CultureInfo.InvariantCulture),
            Slug = SlugOf(i),
            Industry = (Industry)(i % 6),
            Tier = (ServiceTier)(i % 3),
            CreatedAt = now - spread - TimeSpan.FromDays(30),
        }).ToList();
        db.Tenants.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        var analyst = await AddAnalystAsync(AnalystEmail, "Bench Analyst", created, now);
        var colleague = await AddAnalystAsync(ColleagueEmail, "Bench Colleague", created, now);
        await db.SaveChangesAsync(cancellationToken);

        int history;
        await db.Database.OpenConnectionAsync(cancellationToken);
        // The connection's usual 2 MB page cache spills the alerts' four indexes to the WAL every few thousand rows
        // (100,000 alerts took 28 s); with the indexes held in memory the inserts run at the statement's own speed.
        // Set back before the pooled connection is handed on.
        await db.Database.ExecuteSqlAsync($"PRAGMA cache_size=-524288;", cancellationToken);
        try
        {
            history = await InsertAlertsAsync(alerts, created, analyst.Id, colleague.Id, seed, now, spread, progress, cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"PRAGMA cache_size=-2048;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
        return new VolumeSeedResult(tenants, alerts, history, AnalystEmail, Password, watch.Elapsed);
    }

    private async Task<int> InsertAlertsAsync(int alerts, List<Tenant> created, string analystId, string colleagueId, int seed, DateTimeOffset now,
        TimeSpan spread, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var history = 0;
        var random = new Random(seed);
        var weights = TenantWeights(created.Count, random);
        // Ages drawn up front and raised oldest first, as detection raises them: ids grow with time, as the queue's
        // keyset pages assume, and the time indexes are appended to rather than split at random places.
        var ages = new long[alerts];
        for (var i = 0; i < alerts; i++)
        {
            // More recent alerts than old ones: the age is skewed towards today.
            ages[i] = (long)(spread.Ticks * Math.Pow(random.NextDouble(), 1.6));
        }
        Array.Sort(ages, (a, b) => b.CompareTo(a));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var alertInsert = SqliteBulkInsert<Alert>.Open(db, BulkTables.Alerts)
                ?? throw new InvalidOperationException("The volume seed writes to SQLite only.");
            var historyInsert = SqliteBulkInsert<(long, AlertHistory)>.Open(db, BulkTables.AlertHistoryByAlertId)!;
            var chunk = new List<Alert>(AlertsPerChunk);
            var rows = new List<(long, AlertHistory)>(AlertsPerChunk * 3);
            var ids = new long[AlertsPerChunk];
            for (var done = 0; done < alerts;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                chunk.Clear();
                rows.Clear();
                var count = Math.Min(AlertsPerChunk, alerts - done);
                for (var i = 0; i < count; i++)
                {
                    chunk.Add(MakeAlert(random, created[Pick(weights, random)].Id, now - TimeSpan.FromTicks(ages[done + i]), analystId, colleagueId, now));
                }
                alertInsert.Insert(tenant, chunk, ids.AsSpan(0, count));
                for (var i = 0; i < count; i++)
                {
                    foreach (var row in chunk[i].History)
                    {
                        rows.Add((ids[i], row));
                    }
                }
                historyInsert.Insert(tenant, rows, Span<long>.Empty);
                history += rows.Count;
                done += count;
                progress?.Report(new SeedProgress($"Alerts {done:N0} of {alerts:N0}", done, alerts));
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return history;
    }

    private async Task<PortalUser> AddAnalystAsync(string email, string name, List<Tenant> tenants, DateTimeOffset now)
    {
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Check(await users.CreateAsync(user, Password), email);
        Check(await users.AddToRoleAsync(user, nameof(PortalRole.Analyst)), email);
        foreach (var t in tenants)
        {
            db.Memberships.Add(new TenantMembership { TenantId = t.Id, UserId = user.Id, Role = PortalRole.Analyst, GrantedAt = now });
        }
        return user;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    // Customers differ in size: a few large tenants hold most alerts (weights 1/rank, shuffled over the slugs).
    private static double[] TenantWeights(int tenants, Random random)
    {
        var weights = Enumerable.Range(1, tenants).Select(rank => 1.0 / rank).ToArray();
        random.Shuffle(weights);
        var total = weights.Sum();
        var cumulative = new double[tenants];
        var sum = 0.0;
        for (var i = 0; i < tenants; i++)
        {
            sum += weights[i] / total;
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static Alert MakeAlert(Random random, Guid tenantId, DateTimeOffset detected, string analystId, string colleagueId, DateTimeOffset now)
    {
        var profile = Profiles[random.Next(Profiles.Length)];
        var rule = profile.Rule;
        var age = now - detected;
        var events = rule.Entity == EntityKind.None ? 1 : 1 + (int)(random.NextDouble() * random.NextDouble() * 400);
        var source = $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
        var user = $"user{random.Next(5_000):0000}";
        var host = $"{rule.HostPrefix}-{random.Next(1, 40):00}";
        var alert = Alert.Raise(tenantId, rule.Id, rule.Title, rule.Severity, profile.Score.Value, detected, new AlertFacts
        {
            DedupKey = $"{rule.Id}|{source}|{detected.UtcTicks}",
            RuleAuthor = "MsspPortal",
            BaseRisk = rule.BaseRisk,
            IntelConfidence = profile.Intel,
            RiskBreakdown = profile.Score.Explanation,
            RiskFactors = profile.Json,
            Techniques = rule.Techniques,
            SourceIp = rule.Entity is EntityKind.Source or EntityKind.SourceAndUser ? source : null,
            DestinationIp = rule.Entity == EntityKind.None ? null : "10.0.0." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture),
            UserName = rule.Entity == EntityKind.SourceAndUser ? user : null,
            HostName = host,
            EventCount = events,
            FirstSeen = detected - TimeSpan.FromMinutes(random.Next(0, 30)),
            LastSeen = detected,
            Sla = Terms[rule.Severity],
        });
        Triage(alert, random, age, detected, analystId, colleagueId);
        return alert;
    }

    // Old alerts are mostly closed; the last days hold the open work, a part of it taken by the analyst or a colleague.
    private static void Triage(Alert alert, Random random, TimeSpan age, DateTimeOffset detected, string analystId, string colleagueId)
    {
        var roll = random.NextDouble();
        var closed = age > TimeSpan.FromDays(7) ? 0.93 : age > TimeSpan.FromDays(1) ? 0.6 : 0.15;
        if (roll >= closed + ((1 - closed) * 0.5))
        {
            return; // New: nobody has looked yet
        }
        var who = random.NextDouble() < 0.3 ? analystId : colleagueId;
        var at = detected + TimeSpan.FromMinutes(5 + random.Next(240));
        alert.Acknowledge(who, at);
        if (random.NextDouble() < 0.7)
        {
            alert.Assign(who, who, at);
        }
        if (roll < closed)
        {
            var disposition = random.NextDouble() switch { < 0.15 => AlertDisposition.FalsePositive, < 0.25 => AlertDisposition.BenignTruePositive, _ => AlertDisposition.TruePositive };
            alert.Resolve(disposition, "Triaged", who, at + TimeSpan.FromMinutes(random.Next(10, 600)));
        }
        else
        {
            var open = random.NextDouble();
            if (open < 0.5)
            {
                alert.ChangeStatus(AlertStatus.InProgress, who, at + TimeSpan.FromMinutes(random.Next(1, 60)), null);
            }
            else if (open < 0.6)
            {
                alert.ChangeStatus(AlertStatus.Escalated, who, at + TimeSpan.FromMinutes(random.Next(1, 60)), "Escalated to the customer");
            }
            else if (open < 0.7)
            {
                alert.ChangeStatus(AlertStatus.WaitingOnCustomer, who, at + TimeSpan.FromMinutes(random.Next(1, 60)), "Asked the customer whether this is expected");
            }
        }
    }

    // A professional-tier contract's service levels (minutes to acknowledge, to resolve), the same for every tenant.
    private static readonly Dictionary<AlertSeverity, SlaTerms> Terms = new()
    {
        [AlertSeverity.Critical] = new(30, 480), [AlertSeverity.High] = new(60, 960),
        [AlertSeverity.Medium] = new(240, 2880), [AlertSeverity.Low] = new(960, 8640),
    };

    private enum EntityKind
    {
        None,
        Source,
        SourceAndUser,
    }

    private sealed record Rule(string Id, string Title, AlertSeverity Severity, int BaseRisk, string Techniques, EntityKind Entity, string HostPrefix);

    private sealed record Profile(Rule Rule, RiskScore Score, string Json, int? Intel);

    // The built-in rules and a few Sigma-like ones, weighted as a SOC sees them: recon and brute force are common,
    // successful compromise and confirmed intel rare.
    private static readonly (Rule Rule, int Weight)[] Rules =
    [
        (new("mssp-port-scan", "Port scan from one address", AlertSeverity.Medium, 35, "T1046", EntityKind.Source, "fw"), 20),
        (new("mssp-brute-force-source", "Brute force from one address", AlertSeverity.High, 60, "T1110", EntityKind.Source, "vpn"), 15),
        (new("mssp-brute-force-user", "Brute force against one account", AlertSeverity.High, 60, "T1110", EntityKind.SourceAndUser, "idp"), 15),
        (new("mssp-password-spraying", "Password spraying from one address", AlertSeverity.High, 65, "T1110.003", EntityKind.Source, "idp"), 6),
        (new("mssp-new-login-location", "Logon from a country or network not seen for this user", AlertSeverity.Medium, 40, "T1078", EntityKind.SourceAndUser, "idp"), 12),
        (new("mssp-failed-then-success", "Successful logon after repeated failures", AlertSeverity.High, 75, "T1110", EntityKind.SourceAndUser, "idp"), 3),
        (new("mssp-known-bad-indicator", "Contact with a known-bad address, domain, URL or file", AlertSeverity.High, 60, "T1071", EntityKind.Source, "proxy"), 4),
        (new("mssp-ids-passthrough", "IDS/IPS signature", AlertSeverity.Critical, 90, "T1190", EntityKind.Source, "web"), 5),
        (new("mssp-volumetric-dos", "Volumetric denial of service", AlertSeverity.High, 70, "T1498", EntityKind.None, "web"), 1),
        (new("mssp-entity-risk", "Accumulated risk for one address", AlertSeverity.High, 80, "T1110", EntityKind.Source, "idp"), 5),
        (new("sigma-suspicious-powershell", "Suspicious PowerShell command line", AlertSeverity.Medium, 50, "T1059.001", EntityKind.SourceAndUser, "ws"), 8),
        (new("sigma-usb-storage", "Removable storage mounted", AlertSeverity.Low, 25, "T1052", EntityKind.SourceAndUser, "ws"), 6),
    ];

    // Every rule against the asset classes of a customer (unknown, lab box, standard, important, crown jewel) and,
    // for the intel rule, a weak and a confirmed indicator: scored once by the real scorer, picked per alert.
    private static readonly Profile[] Profiles = BuildProfiles();

    private static Profile[] BuildProfiles()
    {
        var catalog = AttackCatalog.BuiltIn;
        (int? Criticality, decimal? Downtime, int Weight)[] assets = [(null, null, 4), (1, null, 1), (3, 2_000m, 4), (4, 50_000m, 2), (5, 500_000m, 1)];
        var profiles = new List<Profile>();
        foreach (var (rule, ruleWeight) in Rules)
        {
            int?[] intel = rule.Id == "mssp-known-bad-indicator" ? [20, 95] : [null];
            foreach (var confidence in intel)
            {
                foreach (var (criticality, downtime, assetWeight) in assets)
                {
                    var score = RiskScorer.Score(new RiskInputs(rule.BaseRisk, DateTimeOffset.UnixEpoch)
                    {
                        AssetCriticality = criticality,
                        AssetName = criticality is null ? null : rule.HostPrefix,
                        DowntimeCostPerHour = downtime,
                        IntelConfidence = confidence,
                        Tactic = catalog.LatestTactic(rule.Techniques.Split(',')),
                    });
                    var profile = new Profile(rule, score, System.Text.Json.JsonSerializer.Serialize(score.Factors), confidence);
                    profiles.AddRange(Enumerable.Repeat(profile, ruleWeight * assetWeight));
                }
            }
        }
        return [.. profiles];
    }
}
