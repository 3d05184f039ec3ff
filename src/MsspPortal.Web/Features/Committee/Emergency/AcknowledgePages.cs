using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// The signed-in member answers their pages of one activation (every round of them at once).
public sealed record AcknowledgePages(long Id) : ICommand<ActivationChange>;

internal sealed class AcknowledgePagesHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<AcknowledgePages, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(AcknowledgePages command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.Include(a => a.Pages).Include(a => a.Updates).FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        var members = await db.CommitteeMembers.Where(m => m.CommitteeId == activation.CommitteeId).ToListAsync(cancellationToken);
        var mine = members.Where(m => m.UserId != null && m.UserId == user.Id).ToList();
        var now = clock.GetUtcNow();
        if (!mine.Any(m => activation.Acknowledge(m, now, members)))
        {
            return new ActivationChange(activation.Id, "You have no unanswered page in this activation.");
        }
        audit.Record(activation.TenantId, "committee.page-acknowledged", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}
