using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Committee;

// Read-only view of the joint committee; meetings and action items get their behaviour later.
public sealed record GetCommitteeOverview : IQuery<IReadOnlyList<CommitteeViewModel>>;

public sealed record CommitteeViewModel(string Tenant, string Name, string? Charter,
    IReadOnlyList<CommitteeViewModel.Member> Members, IReadOnlyList<CommitteeViewModel.MeetingRow> Meetings, IReadOnlyList<CommitteeViewModel.Action> OpenActions)
{
    public sealed record Member(string Name, CommitteeSide Side, string Role);

    public sealed record MeetingRow(MeetingKind Kind, DateTimeOffset ScheduledAt, bool Held, string? Minutes);

    public sealed record Action(string Title, string Owner, DateOnly? DueOn);
}

internal sealed class GetCommitteeOverviewHandler(PortalDbContext db) : IQueryHandler<GetCommitteeOverview, IReadOnlyList<CommitteeViewModel>>
{
    public async ValueTask<IReadOnlyList<CommitteeViewModel>> Handle(GetCommitteeOverview query, CancellationToken cancellationToken)
    {
        var committees = await db.Committees.AsNoTracking()
            .Join(db.Tenants, c => c.TenantId, t => t.Id, (c, t) => new { c, Tenant = t.Name })
            .OrderBy(x => x.Tenant).ToListAsync(cancellationToken);
        var ids = committees.Select(x => x.c.Id).ToList();
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => ids.Contains(m.CommitteeId)).ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => ids.Contains(m.CommitteeId)).ToListAsync(cancellationToken);
        var actions = await db.ActionItems.AsNoTracking().Where(a => a.Status == ActionItemStatus.Open || a.Status == ActionItemStatus.InProgress).ToListAsync(cancellationToken);
        return committees.Select(x => new CommitteeViewModel(x.Tenant, x.c.Name, x.c.Charter,
                members.Where(m => m.CommitteeId == x.c.Id).Select(m => new CommitteeViewModel.Member(m.Name, m.Side, m.Title)).ToList(),
                meetings.Where(m => m.CommitteeId == x.c.Id).OrderByDescending(m => m.ScheduledAt)
                    .Select(m => new CommitteeViewModel.MeetingRow(m.Kind, m.ScheduledAt, m.HeldAt is not null, m.Minutes)).ToList(),
                actions.Where(a => a.TenantId == x.c.TenantId)
                    .Select(a => new CommitteeViewModel.Action(a.Title, a.OwnerName, a.DueOn)).ToList()))
            .ToList();
    }
}
