using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee;

// A goal the committee no longer pursues: kept, with its last measurement, under the active ones.
public sealed record RetireCommitteeGoal(long Id) : ICommand<CommitteeChange>;

internal sealed class RetireCommitteeGoalHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<RetireCommitteeGoal, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(RetireCommitteeGoal command, CancellationToken cancellationToken)
    {
        if (await db.CommitteeGoals.FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) is not { } goal)
        {
            return CommitteeChange.NotFound;
        }
        goal.Retire();
        audit.Record(goal.TenantId, "committee.goal-retired", nameof(CommitteeGoal), goal.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(goal.Id);
    }
}
