using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// A follow-up of the retrospective for the next quarter: an action item whose origin is the retrospective. Allowed
// after sign-off too: the item is not part of the signed content.
public sealed record RaiseRetrospectiveActionItem(long Id, string Title, long? OwnerMemberId, DateOnly? DueOn) : ICommand<RetrospectiveChange>;

public sealed class RaiseRetrospectiveActionItemValidator : AbstractValidator<RaiseRetrospectiveActionItem>
{
    public RaiseRetrospectiveActionItemValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what is to be done.").MaximumLength(ActionItem.MaxTitleLength);
    }
}

internal sealed class RaiseRetrospectiveActionItemHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RaiseRetrospectiveActionItem, RetrospectiveChange>
{
    public async ValueTask<RetrospectiveChange> Handle(RaiseRetrospectiveActionItem command, CancellationToken cancellationToken)
    {
        var retro = await db.Retrospectives.AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (retro is null)
        {
            return RetrospectiveChange.NotFound;
        }
        CommitteeMember? owner = null;
        if (command.OwnerMemberId is { } ownerId)
        {
            owner = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == ownerId && m.CommitteeId == retro.CommitteeId, cancellationToken);
            if (owner is null)
            {
                return new RetrospectiveChange(retro.Id, "The owner must sit on this committee.");
            }
        }
        var item = ActionItem.Raise(retro.TenantId, command.Title, owner, command.DueOn, clock.GetUtcNow(), ActionItemSource.FromRetrospective(retro.Id, retro.MeetingId));
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(retro.TenantId, "action-item.raised", nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new RetrospectiveChange(retro.Id, Done: $"Follow-up raised: {command.Title.Trim()}.");
    }
}
