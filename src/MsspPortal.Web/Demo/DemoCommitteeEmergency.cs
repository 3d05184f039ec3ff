using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee.Emergency;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// The demo's emergency activations, made through the committee's handlers as its members on the demo clock.
// northwind-shop: the DDoS on checkout at the sale's peak. The analyst activates the committee two minutes after
// opening the incident; the MSSP side answers within 2-4 minutes, the customer's secretary at 6; the customer's
// chair does not answer, is paged again at +5, and at +10 his alternate (the CTO) and he are paged as escalation;
// the CTO answers at 11.5 minutes, which completes the quorum (target met), the chair at 13. Status updates every 20
// minutes, three decisions by members with authority, stable after 1 h 35, the review two days later with owned
// follow-ups, and the secretary closes the record. Any other activation the seeding made (a Critical alert the
// triage escalated) is answered by the paged members within minutes and brought to stable (AnswerOthersAsync).
internal sealed class DemoCommitteeEmergency(IServiceProvider services, DemoCalendar calendar)
{
    public const string DdosReason = "DDoS on checkout at the peak of the November sale: thousands of connections a second from a botnet";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var northwind = await NorthwindDdosAsync(cancellationToken);
        if (northwind is { } found)
        {
            await RunDdosAsync(found.TenantId, found.IncidentId, found.OpenedAt, cancellationToken);
        }
        await AnswerOthersAsync(cancellationToken);
    }

    private async Task RunDdosAsync(Guid tenantId, long incidentId, DateTimeOffset openedAt, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, DemoActor>(StringComparer.OrdinalIgnoreCase);
        foreach (var email in new[] { "analyst@mssp.example", "lead@mssp.example", "consultant@mssp.example", "intel@mssp.example",
                     "ecommerce@northwind-shop.example", "cto@northwind-shop.example", "security@northwind-shop.example" })
        {
            if (await DemoActor.ForAsync(services, email, cancellationToken) is not { } actor)
            {
                return; // no demo users (Production): no committee session to act out
            }
            people[email] = actor;
        }
        var t0 = openedAt.AddMinutes(2);
        var activated = await people["analyst@mssp.example"].SendAsync<ActivateCommittee, ActivationChange, ActivateCommitteeHandler>(
            new ActivateCommittee(tenantId, DdosReason, incidentId), t0, cancellationToken);
        var id = activated.ActivationId ?? throw new InvalidOperationException($"Demo activation refused: {activated.Error}");
        var members = await MembersAsync(tenantId, cancellationToken);

        // Who answers when, in minutes after the pages went out; the clock ticks every minute in between.
        var answers = new List<(double Minutes, string Email)>
        {
            (2, "analyst@mssp.example"), (3, "lead@mssp.example"), (4, "consultant@mssp.example"),
            (6, "security@northwind-shop.example"), (11.5, "cto@northwind-shop.example"), (13, "ecommerce@northwind-shop.example"),
        };
        var minute = 1;
        foreach (var (minutes, email) in answers)
        {
            for (; minute <= minutes; minute++)
            {
                await TickAsync(tenantId, t0.AddMinutes(minute), cancellationToken);
            }
            await Check(people[email].SendAsync<AcknowledgePages, ActivationChange, AcknowledgePagesHandler>(new AcknowledgePages(id), t0.AddMinutes(minutes), cancellationToken));
        }
        for (; minute <= JointCommittee.ActivationTargetMinutes; minute++)
        {
            await TickAsync(tenantId, t0.AddMinutes(minute), cancellationToken);
        }

        var scribe = people["security@northwind-shop.example"];
        async Task Decide(double minutes, string text, string decider) =>
            await Check(scribe.SendAsync<RecordEmergencyDecision, ActivationChange, RecordEmergencyDecisionHandler>(
                new RecordEmergencyDecision(id, text, members[decider]), t0.AddMinutes(minutes), cancellationToken));
        async Task Update(double minutes, string text) =>
            await Check(scribe.SendAsync<AddStatusUpdate, ActivationChange, AddStatusUpdateHandler>(new AddStatusUpdate(id, text), t0.AddMinutes(minutes), cancellationToken));

        await Decide(15, "Switch on DDoS scrubbing for checkout with the upstream provider (emergency rate accepted for the sale)", "ecommerce@northwind-shop.example");
        await Decide(18, "Block the attacking address ranges at the edge for 24 hours", "lead@mssp.example");
        await Update(31, "Scrubbing active; checkout answering again and orders coming in.");
        await Decide(38, "Freeze the customer accounts behind the bot orders until the shop has reviewed them", "cto@northwind-shop.example");
        await Update(51, "Attack traffic falling; the accounts behind the bot orders are frozen; the shop sees orders flowing.");
        await Update(71, "A second wave absorbed by the scrubbing; checkout unaffected.");
        await Update(91, "No attack traffic for twenty minutes; scrubbing stays on until the end of the sale.");
        var stable = t0.AddMinutes(95);
        await Check(people["consultant@mssp.example"].SendAsync<ChangeActivationState, ActivationChange, ChangeActivationStateHandler>(
            new ChangeActivationState(id, ActivationStep.Stable), stable, cancellationToken));

        var review = stable.AddDays(2).AddHours(1);
        await Check(scribe.SendAsync<RecordActivationReview, ActivationChange, RecordActivationReviewHandler>(new RecordActivationReview(id,
            "The committee reached quorum within the 15-minute target. Scrubbing kept checkout answering: zero minutes of interruption "
            + "(the incident's record). The bot orders came from customer accounts now frozen for review. The customer's chair answered only "
            + "after the escalation page; his alternate, the CTO, took the customer's decisions in his place, as the charter provides."), review, cancellationToken));
        var due = DateOnly.FromDateTime(review.UtcDateTime);
        async Task FollowUp(string title, string owner, int days) =>
            await Check(scribe.SendAsync<AddActivationFollowUp, ActivationChange, AddActivationFollowUpHandler>(
                new AddActivationFollowUp(id, title, members[owner], due.AddDays(days)), review.AddMinutes(10), cancellationToken));
        await FollowUp("Contract DDoS scrubbing for every sale period, not on demand", "ecommerce@northwind-shop.example", 30);
        await FollowUp("Rate-limit account creation and checkout attempts per client", "lead@mssp.example", 14);
        await FollowUp("Detection rule for bursts of new accounts placing orders", "intel@mssp.example", 10);
        await Check(scribe.SendAsync<ChangeActivationState, ActivationChange, ChangeActivationStateHandler>(
            new ChangeActivationState(id, ActivationStep.Close), review.AddHours(1), cancellationToken));
    }

    // The activations the seeding made on its own (the triage escalated a Critical alert): the committee answers them
    // too, so no page is left ringing in the demo. The MSSP side acknowledges within 2-4 minutes, the customer side within
    // 5-9; the clock ticks every minute in between as the job would. Once in session, one containment decision per side
    // by a member with authority, a status update, and stable after an hour: the review is then due, as in real life.
    private async Task AnswerOthersAsync(CancellationToken cancellationToken)
    {
        List<(long Id, Guid TenantId, DateTimeOffset DeclaredAt)> open;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
            open = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().EmergencyActivations.AsNoTracking()
                .Where(a => a.QuorumAt == null && a.State != ActivationState.Closed && a.State != ActivationState.Cancelled)
                .Select(a => new { a.Id, a.TenantId, a.DeclaredAt }).ToListAsync(cancellationToken))
                .Select(a => (a.Id, a.TenantId, a.DeclaredAt)).ToList();
        }
        foreach (var (id, tenantId, declaredAt) in open)
        {
            var seats = await SeatsAsync(tenantId, cancellationToken);
            var paged = await PagedAsync(id, tenantId, cancellationToken);
            var answers = seats.Where(s => paged.Contains(s.Id) && s.Email is not null)
                .OrderBy(s => s.Side).ThenBy(s => s.Id)
                .Select((s, i) => (Seat: s, Minutes: s.Side == CommitteeSide.Mssp ? 2 + i : 5 + i)).OrderBy(a => a.Minutes).ToList();
            var minute = 1;
            foreach (var (seat, minutes) in answers)
            {
                if (declaredAt.AddMinutes(minutes) > calendar.Now)
                {
                    break;
                }
                for (; minute <= minutes; minute++)
                {
                    await TickAsync(tenantId, declaredAt.AddMinutes(minute), cancellationToken);
                }
                if (await DemoActor.ForAsync(services, seat.Email!, cancellationToken) is { } actor)
                {
                    await Check(actor.SendAsync<AcknowledgePages, ActivationChange, AcknowledgePagesHandler>(new AcknowledgePages(id), declaredAt.AddMinutes(minutes), cancellationToken));
                }
            }
            var scribeSeat = seats.FirstOrDefault(s => s.Role == CommitteeRole.Secretary && s.Email is not null);
            var mssp = seats.FirstOrDefault(s => s.Side == CommitteeSide.Mssp && s.Authority);
            var customer = seats.FirstOrDefault(s => s.Side == CommitteeSide.Customer && s.Authority);
            var stable = declaredAt.AddMinutes(70);
            if (scribeSeat is null || mssp?.Email is null || customer is null || stable > calendar.Now
                || await DemoActor.ForAsync(services, scribeSeat.Email!, cancellationToken) is not { } scribe)
            {
                continue;
            }
            await Check(scribe.SendAsync<RecordEmergencyDecision, ActivationChange, RecordEmergencyDecisionHandler>(new RecordEmergencyDecision(id,
                "Contain the affected asset: its exposed services answer only the MSSP jump host until the fix is confirmed", mssp.Id), declaredAt.AddMinutes(16), cancellationToken));
            await Check(scribe.SendAsync<RecordEmergencyDecision, ActivationChange, RecordEmergencyDecisionHandler>(new RecordEmergencyDecision(id,
                "Approve an emergency change window tonight to apply the vendor's fix", customer.Id), declaredAt.AddMinutes(21), cancellationToken));
            await Check(scribe.SendAsync<AddStatusUpdate, ActivationChange, AddStatusUpdateHandler>(new AddStatusUpdate(id,
                "Containment in place; the analysts watch the asset until the fix is confirmed."), declaredAt.AddMinutes(35), cancellationToken));
            if (await DemoActor.ForAsync(services, mssp.Email, cancellationToken) is { } decider)
            {
                await Check(decider.SendAsync<ChangeActivationState, ActivationChange, ChangeActivationStateHandler>(
                    new ChangeActivationState(id, ActivationStep.Stable), stable, cancellationToken));
            }
        }
    }

    private sealed record Seat(long Id, string? Email, CommitteeSide Side, CommitteeRole Role, bool Authority);

    private async Task<List<Seat>> SeatsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CommitteeMembers.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.Active)
            .Select(m => new Seat(m.Id, m.Email, m.Side, m.Role, m.HasDecisionAuthority)).ToListAsync(cancellationToken);
    }

    private async Task<HashSet<long>> PagedAsync(long activationId, Guid tenantId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return [.. await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CommitteePages.AsNoTracking()
            .Where(p => p.ActivationId == activationId).Select(p => p.MemberId).Distinct().ToListAsync(cancellationToken)];
    }

    // What the minute job does for the tenant, at that minute.
    private async Task TickAsync(Guid tenantId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var handler = new TickActivationsHandler(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), new DemoClock(at),
            scope.ServiceProvider.GetRequiredService<EmergencyDesk>());
        await handler.Handle(new TickActivations(), cancellationToken);
    }

    private async Task<(Guid TenantId, long IncidentId, DateTimeOffset OpenedAt)?> NorthwindDdosAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenantId = await db.Tenants.Where(t => t.Slug == "northwind-shop").Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (tenantId is null)
        {
            return null;
        }
        // The first incident of the sale's DDoS (DemoIncidents opens one per day of it, named after the day).
        var incident = await db.Incidents.AsNoTracking().Where(i => i.TenantId == tenantId && i.Title.StartsWith("DDoS on checkout during the November sale"))
            .OrderBy(i => i.OpenedAt).Select(i => new { i.Id, i.OpenedAt }).FirstOrDefaultAsync(cancellationToken);
        return incident is null ? null : (tenantId.Value, incident.Id, incident.OpenedAt);
    }

    private async Task<Dictionary<string, long>> MembersAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().CommitteeMembers.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.Email != null)
            .ToDictionaryAsync(m => m.Email!, m => m.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
    }

    private static async Task Check(Task<ActivationChange> step)
    {
        var result = await step;
        if (result.ActivationId is null || result.Error is not null)
        {
            throw new InvalidOperationException($"Demo emergency step refused: {result.Error ?? "not found"}");
        }
    }
}
