using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The activations of the tenants in scope, newest first, with their measures; and the tenants the caller may
// activate a committee for (the button's choice).
public sealed record ListActivations(IReadOnlyList<Guid>? ActOn) : IQuery<ActivationListViewModel>;

public sealed record ActivationListViewModel(IReadOnlyList<ActivationListViewModel.Row> Activations, IReadOnlyList<ActivationListViewModel.TenantOption> Tenants,
    DateTimeOffset Now, bool MailEnabled)
{
    public sealed record Row(long Id, string Tenant, string Reason, ActivationState State, DateTimeOffset DeclaredAt, long? IncidentId, ActivationMeasures Measures,
        int Decisions, DateTimeOffset? ReviewDueAt, DateTimeOffset? ReviewedAt, bool ReviewOverdue, bool UpdateOverdue);

    public sealed record TenantOption(Guid Id, string Name);

    // A rejected activation form's input and reason.
    public ActivateCommittee? Form { get; init; }

    public string? Error { get; init; }
}

internal sealed class ListActivationsHandler(PortalDbContext db, TimeProvider clock, IPageSender sender) : IQueryHandler<ListActivations, ActivationListViewModel>
{
    private const int Shown = 200;

    public async ValueTask<ActivationListViewModel> Handle(ListActivations query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var activations = await db.EmergencyActivations.AsNoTracking().Include(a => a.Pages)
            .OrderByDescending(a => a.DeclaredAt).ThenByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
        var ids = activations.Select(a => a.Id).ToList();
        var decisions = await db.CommitteeDecisions.AsNoTracking().Where(d => d.ActivationId != null && ids.Contains(d.ActivationId.Value))
            .GroupBy(d => d.ActivationId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var withCommittee = await db.Committees.AsNoTracking().Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        var options = withCommittee.Where(id => tenants.ContainsKey(id) && (query.ActOn is null || query.ActOn.Contains(id)))
            .Select(id => new ActivationListViewModel.TenantOption(id, tenants[id])).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ActivationListViewModel(
            [.. activations.Select(a => new ActivationListViewModel.Row(a.Id, tenants.GetValueOrDefault(a.TenantId, ""), a.Reason, a.State, a.DeclaredAt, a.IncidentId,
                ActivationMeasures.Of(a), decisions.GetValueOrDefault(a.Id), a.ReviewDueAt, a.ReviewedAt, a.ReviewOverdue(now), a.UpdateOverdue(now)))],
            options, now, sender.Enabled);
    }
}
