using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Committee;

// The committee's edit forms as saved: a member's seat and a goal, each with its tenant (null: not in reach).
public sealed record GetMemberForm(long Id) : IQuery<SaveCommitteeMember?>;

public sealed record GetGoalForm(long Id) : IQuery<SaveCommitteeGoal?>;

internal sealed class GetMemberFormHandler(PortalDbContext db) : IQueryHandler<GetMemberForm, SaveCommitteeMember?>
{
    public async ValueTask<SaveCommitteeMember?> Handle(GetMemberForm query, CancellationToken cancellationToken) =>
        await db.CommitteeMembers.AsNoTracking().Where(m => m.Id == query.Id)
            .GroupJoin(db.Users, m => m.UserId, u => u.Id, (m, users) => new { m, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new SaveCommitteeMember
            {
                Id = x.m.Id, TenantId = x.m.TenantId, Name = x.m.Name, Side = x.m.Side, Title = x.m.Title, Role = x.m.Role,
                HasDecisionAuthority = x.m.HasDecisionAuthority, CanLeadIncidents = x.m.CanLeadIncidents, AlternateForId = x.m.AlternateForId,
                AccountEmail = u == null ? null : u.Email,
            })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class GetGoalFormHandler(PortalDbContext db) : IQueryHandler<GetGoalForm, SaveCommitteeGoal?>
{
    public async ValueTask<SaveCommitteeGoal?> Handle(GetGoalForm query, CancellationToken cancellationToken) =>
        await db.CommitteeGoals.AsNoTracking().Where(g => g.Id == query.Id)
            .Select(g => new SaveCommitteeGoal
            {
                Id = g.Id, TenantId = g.TenantId, Title = g.Title, MeasureKey = g.MeasureKey, Comparison = g.Comparison, Target = g.Target,
                Unit = g.Unit, From = g.From, To = g.To,
            })
            .FirstOrDefaultAsync(cancellationToken);
}
