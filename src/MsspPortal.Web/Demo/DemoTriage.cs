using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Alerts;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

public sealed record DemoTriageResult(int Triaged, int Live);

// The analysts' work on the demo's alerts, done by the demo analyst through the triage handlers on the demo clock.
// Older alerts (before the last two days) were picked up soon after detection and closed by what the records say
// they are: a takeover victim's alerts escalated and closed as true positives; a traveller's logon at a market
// launch closed as benign; a "new location" logon from an address the same user signed in from in the days before
// closed as a false positive (the rule fired on the customer's usual address); the rest blocked without impact.
// Alerts of one batch and one kind are taken together, one step per message, as the queue's bulk actions do. The
// last two days stay mostly new for the live queue; a few are under way, waiting on the customer, or escalated.
internal sealed class DemoTriage(IServiceProvider services, DemoCalendar calendar, int seed)
{
    private enum Kind
    {
        Blocked,
        Takeover,
        Traveller,
        UsualAddress,
    }

    private sealed record Row(long Id, Guid TenantId, string RuleId, AlertSeverity Severity, DateTimeOffset DetectedAt, DateTimeOffset FirstSeen,
        string Title, string? UserName, string? SourceIp, string? DestinationIp, string? HostName, string? AssetName);

    public async Task<DemoTriageResult> RunAsync(CancellationToken cancellationToken)
    {
        // Without demo users (Production) nobody triages: the alerts stay as detection left them.
        if (await DemoActor.ForAsync(services, Analyst.Email, cancellationToken) is not { } analyst)
        {
            return new DemoTriageResult(0, 0);
        }
        var (alerts, slugs, usual) = await LoadAsync(cancellationToken);
        var cutoff = calendar.Now.AddDays(-2);
        var older = alerts.Where(a => a.DetectedAt < cutoff).ToList();
        await TriageOlderAsync(analyst, older, slugs, usual, cancellationToken);
        var live = await TriageLiveAsync(analyst, alerts.Where(a => a.DetectedAt >= cutoff).ToList(), slugs, cancellationToken);
        return new DemoTriageResult(older.Count, live);
    }

    private static (string Email, string Name) Analyst => DemoSeeder.People.Where(p => p.Role == PortalRole.Analyst).Select(p => (p.Email, p.Name)).First();

    private async Task TriageOlderAsync(DemoActor analyst, List<Row> older, Dictionary<Guid, string> slugs, HashSet<long> usual, CancellationToken cancellationToken)
    {
        var victims = DemoLogs.HarborTakeoverVictims.Concat(DemoLogs.OrbitTakeoverVictims.Select(v => v + "@orbit.example")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var travellers = DemoLogs.OrbitTravellers.Select(v => v + "@orbit.example").ToHashSet(StringComparer.OrdinalIgnoreCase);
        Kind KindOf(Row a) =>
            usual.Contains(a.Id) ? Kind.UsualAddress
            : a.UserName is { } u && victims.Contains(u) ? Kind.Takeover
            : a.UserName is { } t && travellers.Contains(t) ? Kind.Traveller
            : Kind.Blocked;

        var groups = older
            .GroupBy(a => (a.TenantId, a.DetectedAt, Kind: KindOf(a), Urgent: a.Severity >= AlertSeverity.High))
            .OrderBy(g => g.Key.DetectedAt).ThenBy(g => slugs[g.Key.TenantId], StringComparer.Ordinal).ThenBy(g => g.Key.Kind).ThenBy(g => g.Key.Urgent);
        foreach (var group in groups)
        {
            var (tenantId, detectedAt, kind, urgent) = group.Key;
            long[] ids = [.. group.Select(a => a.Id).Order()];
            var random = DemoRandom.For(seed, (int)(detectedAt.ToUnixTimeSeconds() % int.MaxValue), StableHash(slugs[tenantId]), (int)kind, urgent ? 1 : 0);
            var picked = detectedAt.AddMinutes(urgent ? random.Next(3, 20) : random.Next(10, 120));
            await TriageAsync(analyst, ids, new TriageAction(TriageVerb.AssignToMe), picked, cancellationToken);
            await TriageAsync(analyst, ids, new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.InProgress, Reason: "Investigating"), picked, cancellationToken);
            var closed = picked.AddMinutes(random.Next(15, 240));
            switch (kind)
            {
                case Kind.Takeover:
                    await TriageAsync(analyst, ids, new TriageAction(TriageVerb.Escalate,
                        Reason: "Account takeover confirmed: sessions revoked, password reset, customer informed"), closed, cancellationToken);
                    await ResolveAsync(analyst, ids, AlertDisposition.TruePositive, "Account recovered; no fraudulent transfer completed",
                        closed.AddHours(random.Next(2, 20)), cancellationToken);
                    break;
                case Kind.Traveller:
                    await ResolveAsync(analyst, ids, AlertDisposition.BenignTruePositive,
                        "Legitimate: staff at the new market's launch (confirmed with the customer)", closed, cancellationToken);
                    break;
                case Kind.UsualAddress:
                    await ResolveAsync(analyst, ids, AlertDisposition.FalsePositive,
                        "The user's usual address, signed in from on the days before: the rule lacked this user's history", closed, cancellationToken);
                    break;
                default:
                    await ResolveAsync(analyst, ids, AlertDisposition.TruePositive, "Blocked at the perimeter; no impact", closed, cancellationToken);
                    break;
            }
        }
    }

    // The live queue: one Critical alert escalated (the emergency goes on its history), a few questions to the
    // customer with the alert waiting on the answer, one of them answered by the tenant's business owner, and the
    // known-bad contacts under investigation. Everything else stays new for the analyst at the screen.
    private async Task<int> TriageLiveAsync(DemoActor analyst, List<Row> live, Dictionary<Guid, string> slugs, CancellationToken cancellationToken)
    {
        var steps = 0;
        var critical = live.Where(a => a.Severity == AlertSeverity.Critical)
            .OrderBy(a => slugs[a.TenantId] == "northwind-shop" ? 0 : 1).ThenBy(a => a.DetectedAt).ThenBy(a => a.Id).FirstOrDefault();
        if (critical is not null)
        {
            // The question names what the device saw (the signature of the alert's first event), not the rule's title.
            var signature = await SignatureAsync(critical, cancellationToken) ?? critical.Title;
            await TriageAsync(analyst, [critical.Id], new TriageAction(TriageVerb.AssignToMe), At(critical, 3), cancellationToken);
            await TriageAsync(analyst, [critical.Id], new TriageAction(TriageVerb.Escalate,
                Reason: $"Critical detection on {Target(critical)}: senior analyst and the joint committee informed until its patch level is confirmed"),
                At(critical, 5), cancellationToken);
            await AskAsync(analyst, critical, $"\"{signature}\" against {Target(critical)} was blocked. Is this system patched against it? Please confirm with your team.", cancellationToken);
            steps += 4;
            if (await OwnerOfAsync(slugs[critical.TenantId], cancellationToken) is { } owner)
            {
                var answer = await owner.SendAsync<AnswerAlert, AnswerAlertResult, AnswerAlertHandler>(
                    new AnswerAlert(critical.Id, "Our web agency confirms this system runs the patched version."), At(critical, 45), cancellationToken);
                Check(answer == AnswerAlertResult.Answered, $"the owner's answer on alert {critical.Id}: {answer}");
                steps++;
            }
        }
        // A successful logon after repeated failures: only the customer can tell whether it was the account's owner.
        // (Not the Critical alert above, when it is one of these: it was asked and answered already.)
        foreach (var logon in live.Where(a => a.RuleId == BuiltInRuleIds.FailedThenSuccess && a.Id != critical?.Id).GroupBy(a => a.TenantId)
            .Select(g => g.OrderBy(a => a.DetectedAt).ThenBy(a => a.Id).First()).OrderBy(a => slugs[a.TenantId], StringComparer.Ordinal))
        {
            await TriageAsync(analyst, [logon.Id], new TriageAction(TriageVerb.AssignToMe), At(logon, 4), cancellationToken);
            await AskAsync(analyst, logon, $"{logon.UserName} signed in from {logon.SourceIp} after repeated failed attempts. Can you reach them and confirm it was them? Until then we treat it as a possible account takeover.", cancellationToken);
            steps += 3;
        }
        foreach (var contact in live.Where(a => a.RuleId == BuiltInRuleIds.KnownBadIndicator).OrderBy(a => a.DetectedAt).ThenBy(a => a.Id))
        {
            await TriageAsync(analyst, [contact.Id], new TriageAction(TriageVerb.AssignToMe), At(contact, 6), cancellationToken);
            await TriageAsync(analyst, [contact.Id], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.InProgress,
                Reason: "Investigating: checking which host talked to the listed address and whether it was blocked"), At(contact, 6), cancellationToken);
            steps += 2;
        }
        return steps;
    }

    // The question goes on the alert as a comment, and the alert waits on the customer (its SLA clock pauses).
    private async Task AskAsync(DemoActor analyst, Row alert, string question, CancellationToken cancellationToken)
    {
        await TriageAsync(analyst, [alert.Id], new TriageAction(TriageVerb.Comment, Reason: question), At(alert, 8), cancellationToken);
        await TriageAsync(analyst, [alert.Id], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.WaitingOnCustomer,
            Reason: "Asked the customer (see the comment)"), At(alert, 8), cancellationToken);
    }

    // A step's time after detection, never past now (an alert of the last batch was detected minutes ago).
    private DateTimeOffset At(Row alert, int minutes)
    {
        var at = alert.DetectedAt.AddMinutes(minutes);
        var latest = calendar.Now.AddMinutes(-1);
        return at < latest ? at : latest;
    }

    private static string Target(Row alert) =>
        alert.AssetName is { } asset ? $"{asset} ({alert.DestinationIp ?? alert.HostName})" : alert.DestinationIp ?? alert.HostName ?? "the customer's system";

    private async Task<string?> SignatureAsync(Row alert, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(alert.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AlertEvents.Where(l => l.AlertId == alert.Id).OrderBy(l => l.EventId)
            .Join(db.SecurityEvents, l => l.EventId, e => e.Id, (l, e) => e.VendorSignature).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<DemoActor?> OwnerOfAsync(string slug, CancellationToken cancellationToken)
    {
        foreach (var (email, _, role, tenants) in DemoSeeder.People)
        {
            if (role == PortalRole.BusinessOwner && tenants.Contains(slug))
            {
                return await DemoActor.ForAsync(services, email, cancellationToken);
            }
        }
        return null;
    }

    private static Task ResolveAsync(DemoActor analyst, long[] ids, AlertDisposition disposition, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        TriageAsync(analyst, ids, new TriageAction(TriageVerb.Resolve, Disposition: disposition, Reason: reason), at, cancellationToken);

    private static async Task TriageAsync(DemoActor analyst, long[] ids, TriageAction action, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = await analyst.SendAsync<TriageAlerts, TriageResult, TriageAlertsHandler>(new TriageAlerts(ids, action), at, cancellationToken);
        // The demo's steps are all allowed; a refusal means the story and the rules disagree, which must not pass silently.
        Check(result.Refused.Count == 0, $"{action.Verb} at {at:O}: {string.Join("; ", result.Refused)}");
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Demo triage step refused: {what}");
        }
    }

    private async Task<(List<Row> Alerts, Dictionary<Guid, string> Slugs, HashSet<long> UsualAddress)> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var slugs = await db.Tenants.ToDictionaryAsync(t => t.Id, t => t.Slug, cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new Row(a.Id, a.TenantId, a.RuleId, a.Severity, a.DetectedAt, a.FirstSeen, a.Title, a.UserName, a.SourceIp, a.DestinationIp, a.HostName,
                db.Assets.Where(x => x.Id == a.AssetId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        // A "new location" logon from an address the user had signed in from successfully in the 30 days before.
        var usual = new HashSet<long>();
        foreach (var a in alerts.Where(a => a.RuleId == BuiltInRuleIds.NewLoginLocation && a.UserName is not null && a.SourceIp is not null))
        {
            var from = a.FirstSeen.AddDays(-30);
            if (await db.SecurityEvents.AnyAsync(e => e.TenantId == a.TenantId && e.Timestamp >= from && e.Timestamp < a.FirstSeen
                && e.UserName == a.UserName && e.SourceIp == a.SourceIp && e.Outcome == EventOutcome.Success, cancellationToken))
            {
                usual.Add(a.Id);
            }
        }
        return (alerts, slugs, usual);
    }

    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }
        return hash & 0x7FFFFFFF;
    }
}
