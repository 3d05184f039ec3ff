using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.ProtectionWindows;

// A new item on one phase's checklist: an action item of the window, owned by a member of the window's committee.
public sealed record AddChecklistItem : ICommand<WindowStepResult>
{
    public long WindowId { get; init; }

    public ProtectionPhase Phase { get; init; }

    public string Title { get; init; } = "";

    public long? OwnerMemberId { get; init; }

    public DateOnly? DueOn { get; init; }
}

public sealed class AddChecklistItemValidator : AbstractValidator<AddChecklistItem>
{
    public AddChecklistItemValidator()
    {
        RuleFor(c => c.Phase).IsInEnum();
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what is to be done.").MaximumLength(ActionItem.MaxTitleLength);
    }
}

internal sealed class AddChecklistItemHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<AddChecklistItem, WindowStepResult>
{
    public async ValueTask<WindowStepResult> Handle(AddChecklistItem command, CancellationToken cancellationToken)
    {
        var window = await db.ProtectionWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == command.WindowId, cancellationToken);
        if (window is null)
        {
            return WindowStepResult.NotFound;
        }
        CommitteeMember? owner = null;
        if (command.OwnerMemberId is { } ownerId)
        {
            owner = await db.CommitteeMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == ownerId && m.TenantId == window.TenantId && m.Active, cancellationToken);
            if (owner is null)
            {
                return WindowStepResult.Refused("Choose the owner among the committee's members.");
            }
        }
        var item = ActionItem.Raise(window.TenantId, command.Title, owner, command.DueOn ?? WindowChecklist.DueOn(window, command.Phase), clock.GetUtcNow(),
            ActionItemSource.FromWindow(window.Id, command.Phase));
        db.ActionItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(window.TenantId, "protection-window.item-added", nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return WindowStepResult.Done;
    }
}
