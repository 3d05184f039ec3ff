using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee;

// A member leaves the committee: their name stays on past records, they are no longer paged, counted or offered as an
// owner. Someone Accountable for an area hands it over first (the matrix keeps exactly one Accountable per area);
// their other letters go with them, and so does any alternate seat that pointed at them.
public sealed record RetireCommitteeMember(long Id) : ICommand<CommitteeChange>;

internal sealed class RetireCommitteeMemberHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<RetireCommitteeMember, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(RetireCommitteeMember command, CancellationToken cancellationToken)
    {
        var member = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
        if (member is null)
        {
            return CommitteeChange.NotFound;
        }
        var cells = await db.CommitteeResponsibilities.Where(r => r.MemberId == member.Id).ToListAsync(cancellationToken);
        if (cells.FirstOrDefault(c => c.Raci == Raci.Accountable) is { } accountable)
        {
            return CommitteeChange.Refused("Id", $"{member.Name} is Accountable for {CommitteeText.Area(accountable.Area)}: give that to another member in the responsibility matrix first.");
        }
        db.CommitteeResponsibilities.RemoveRange(cells);
        member.Retire();
        foreach (var standIn in await db.CommitteeMembers.Where(m => m.AlternateForId == member.Id).ToListAsync(cancellationToken))
        {
            standIn.Change(standIn.Name, standIn.Side, standIn.Title, standIn.Role, standIn.HasDecisionAuthority, standIn.CanLeadIncidents, null, standIn.Email);
        }
        audit.Record(member.TenantId, "committee.member-retired", nameof(CommitteeMember), member.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(member.Id);
    }
}
