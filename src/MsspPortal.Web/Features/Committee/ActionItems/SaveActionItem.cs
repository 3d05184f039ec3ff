using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// Raises an item on the board (Id null) or edits an open one: what is to be done, by whom (an active member of
// either side) and by when.
public sealed record SaveActionItem : ICommand<CommitteeChange>
{
    public long? Id { get; init; }

    public Guid TenantId { get; init; }

    public string Title { get; init; } = "";

    public string? Detail { get; init; }

    public long? OwnerMemberId { get; init; }

    public DateOnly? DueOn { get; init; }
}

public sealed class SaveActionItemValidator : AbstractValidator<SaveActionItem>
{
    public SaveActionItemValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what is to be done.").MaximumLength(ActionItem.MaxTitleLength);
        RuleFor(c => c.Detail).MaximumLength(4000);
        RuleFor(c => c.OwnerMemberId).NotNull().WithMessage("Choose who owns it.");
        RuleFor(c => c.DueOn).NotNull().WithMessage("Give a due date.");
    }
}

internal sealed class SaveActionItemHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<SaveActionItem, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(SaveActionItem command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return CommitteeChange.NotFound;
        }
        ActionItem? item = null;
        if (command.Id is { } id)
        {
            item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == id && a.TenantId == command.TenantId, cancellationToken);
            if (item is null)
            {
                return CommitteeChange.NotFound;
            }
            if (!item.IsOpen)
            {
                return CommitteeChange.Refused("", $"This item is {item.Status.ToString().ToLowerInvariant()}: it can no longer be edited.");
            }
        }
        var owner = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.OwnerMemberId && m.TenantId == command.TenantId && m.Active, cancellationToken);
        if (owner is null)
        {
            return CommitteeChange.Refused(nameof(command.OwnerMemberId), "Choose an active member of this tenant's committee.");
        }
        if (item is null)
        {
            item = ActionItem.Raise(command.TenantId, command.Title, owner, command.DueOn, clock.GetUtcNow(), ActionItemSource.Manual);
            db.ActionItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
        }
        item.Edit(command.Title, command.Detail, owner, command.DueOn);
        audit.Record(command.TenantId, command.Id is null ? "action-item.raised" : "action-item.edited", nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(item.Id);
    }
}
