using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// An item's life on the board: started, then done (with its outcome) or dropped (with the reason). Done and dropped
// are final; the completion time is what the burn-down counts.
public sealed record ChangeActionItemStatus : ICommand<CommitteeChange>
{
    public long Id { get; init; }

    public ActionItemStatus To { get; init; }

    // The outcome when done, the reason when dropped.
    public string? Note { get; init; }
}

public sealed class ChangeActionItemStatusValidator : AbstractValidator<ChangeActionItemStatus>
{
    public ChangeActionItemStatusValidator()
    {
        RuleFor(c => c.To).IsInEnum().NotEqual(ActionItemStatus.Open);
        RuleFor(c => c.Note).NotEmpty().When(c => c.To == ActionItemStatus.Dropped).WithMessage("Say why the item is dropped.");
        RuleFor(c => c.Note).NotEmpty().When(c => c.To == ActionItemStatus.Done).WithMessage("Say what came of it.");
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

internal sealed class ChangeActionItemStatusHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<ChangeActionItemStatus, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(ChangeActionItemStatus command, CancellationToken cancellationToken)
    {
        if (await db.ActionItems.FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken) is not { } item)
        {
            return CommitteeChange.NotFound;
        }
        if (!item.IsOpen)
        {
            return CommitteeChange.Refused("", $"This item is already {item.Status.ToString().ToLowerInvariant()}.");
        }
        var now = clock.GetUtcNow();
        switch (command.To)
        {
            case ActionItemStatus.InProgress when item.Status == ActionItemStatus.InProgress:
                return CommitteeChange.Refused("", "This item is already in progress.");
            case ActionItemStatus.InProgress:
                item.Start();
                break;
            case ActionItemStatus.Done:
                item.Complete(now, command.Note);
                break;
            default:
                item.Drop(now, command.Note);
                break;
        }
        audit.Record(item.TenantId, "action-item." + command.To.ToString().ToLowerInvariant(), nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(item.Id);
    }
}
