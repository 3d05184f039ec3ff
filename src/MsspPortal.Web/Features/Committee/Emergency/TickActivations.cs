using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.Emergency;

// One minute of the activations of the tenants in scope: repeat, escalate, mark the target (the rules are the
// entity's), and e-mail what it paged.
public sealed record TickActivations : ICommand<int>;

internal sealed class TickActivationsHandler(PortalDbContext db, TimeProvider clock, EmergencyDesk desk) : ICommandHandler<TickActivations, int>
{
    public async ValueTask<int> Handle(TickActivations command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Only the ones still assembling have anything to do on the clock.
        var activations = await db.EmergencyActivations.Include(a => a.Pages).Include(a => a.Updates)
            .Where(a => a.QuorumAt == null && a.State != ActivationState.Closed && a.State != ActivationState.Cancelled)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var activation in activations.Where(a => a.DeclaredAt <= now))
        {
            var members = await db.CommitteeMembers.Where(m => m.CommitteeId == activation.CommitteeId).ToListAsync(cancellationToken);
            var pages = activation.Tick(now, members);
            await db.SaveChangesAsync(cancellationToken);
            await desk.MailAsync(activation, pages, members, now, cancellationToken);
            sent += pages.Count;
        }
        return sent;
    }
}

/// <summary>
/// The activation clock: every minute, the tenants with an activation still assembling are ticked, each in its own
/// tenant scope (fan-out, ids only). A rerun in the same minute changes nothing: pages are sent once per round.
/// </summary>
public sealed class TickActivationsJob(PortalDbContext db, ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "committee:emergency-tick";

    public async Task<int> EnqueueActiveAsync(CancellationToken cancellationToken)
    {
        tenant.SetScope([], seesAll: true);
        var tenants = await db.EmergencyActivations.AsNoTracking()
            .Where(a => a.QuorumAt == null && a.State != ActivationState.Closed && a.State != ActivationState.Cancelled)
            .Select(a => a.TenantId).Distinct().ToListAsync(cancellationToken);
        foreach (var tenantId in tenants)
        {
            jobs.Enqueue<TickActivationsJob>(job => job.TickTenantAsync(tenantId, CancellationToken.None));
        }
        return tenants.Count;
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task TickTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        // No retry: the next minute's run is the retry.
        tenant.Use(tenantId);
        await sender.Send(new TickActivations(), cancellationToken);
    }
}
