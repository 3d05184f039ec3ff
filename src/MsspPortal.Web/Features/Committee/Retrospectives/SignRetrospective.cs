using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// The signed-in person signs the current content for their side. Who may: an active member of this committee whose
// seat is linked to their own account, and who is its chair or holds decision authority for their side. A platform
// admin or analyst without such a seat may not. The entity keeps the rest: one signature per side, never one person
// for both sides, nothing once signed off.
public sealed record SignRetrospective(long Id) : ICommand<RetrospectiveChange>;

internal sealed class SignRetrospectiveHandler(PortalDbContext db, ICurrentUser user, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SignRetrospective, RetrospectiveChange>
{
    public async ValueTask<RetrospectiveChange> Handle(SignRetrospective command, CancellationToken cancellationToken)
    {
        var retro = await db.Retrospectives.Include(r => r.Signatures).FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (retro is null)
        {
            return RetrospectiveChange.NotFound;
        }
        if (retro.IsSignedOff)
        {
            return new RetrospectiveChange(retro.Id, $"The Q{retro.Quarter} {retro.Year} retrospective is already signed off by both sides.");
        }
        var seats = user.Id is { } userId
            ? await db.CommitteeMembers.Where(m => m.CommitteeId == retro.CommitteeId && m.UserId == userId && m.Active).OrderBy(m => m.Id).ToListAsync(cancellationToken)
            : [];
        if (seats.Count == 0)
        {
            return new RetrospectiveChange(retro.Id, "You hold no seat on this committee linked to your account: only its chairs and members with decision authority sign.");
        }
        // A person seated on both sides signs with the seat of a side not yet signed; the entity then refuses them
        // if they already signed for the other side.
        var seat = seats.Where(m => m.Role == CommitteeRole.Chair || m.HasDecisionAuthority)
            .OrderBy(m => retro.ValidSignatures.Any(s => s.Side == m.Side)).FirstOrDefault();
        if (seat is null)
        {
            var plain = seats[0];
            return new RetrospectiveChange(retro.Id,
                $"{plain.Name} sits on the committee as {plain.Role.ToString().ToLowerInvariant()} without decision authority: only a chair or a member with decision authority signs for their side.");
        }
        try
        {
            retro.Sign(seat, user.Id!, clock.GetUtcNow());
        }
        catch (InvalidOperationException refused)
        {
            return new RetrospectiveChange(retro.Id, refused.Message);
        }
        audit.Record(retro.TenantId, retro.IsSignedOff ? "retrospective.signed-off" : "retrospective.signed", nameof(Retrospective), retro.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new RetrospectiveChange(retro.Id, Done: retro.IsSignedOff
            ? $"Signed for the {Side(seat.Side)} side. Both sides have signed: the retrospective is signed off and can no longer change."
            : $"Signed for the {Side(seat.Side)} side. The other side's chair or decision-maker signs next.");
    }

    internal static string Side(CommitteeSide side) => side == CommitteeSide.Mssp ? "MSSP" : "customer";
}
