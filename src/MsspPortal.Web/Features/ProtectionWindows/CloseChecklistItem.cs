using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.ProtectionWindows;

// Ticks a checklist item done (with what came of it) or drops it (with why). Either is final, as for every action
// item. The item must be one of this window's: an id from another window or tenant is not found.
public sealed record CloseChecklistItem : ICommand<WindowStepResult>
{
    public long WindowId { get; init; }

    public long ItemId { get; init; }

    public bool Drop { get; init; }

    public string? Outcome { get; init; }
}

public sealed class CloseChecklistItemValidator : AbstractValidator<CloseChecklistItem>
{
    public CloseChecklistItemValidator()
    {
        RuleFor(c => c.Outcome).MaximumLength(2000);
        RuleFor(c => c.Outcome).NotEmpty().When(c => c.Drop).WithMessage("Say why the item is dropped.");
    }
}

internal sealed class CloseChecklistItemHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<CloseChecklistItem, WindowStepResult>
{
    public async ValueTask<WindowStepResult> Handle(CloseChecklistItem command, CancellationToken cancellationToken)
    {
        var item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == command.ItemId && a.ProtectionWindowId == command.WindowId, cancellationToken);
        if (item is null)
        {
            return WindowStepResult.NotFound;
        }
        if (!item.IsOpen)
        {
            return WindowStepResult.Refused($"\"{item.Title}\" is already {item.Status.ToString().ToLowerInvariant()}.");
        }
        var now = clock.GetUtcNow();
        if (command.Drop)
        {
            item.Drop(now, command.Outcome);
        }
        else
        {
            item.Complete(now, command.Outcome);
        }
        audit.Record(item.TenantId, command.Drop ? "protection-window.item-dropped" : "protection-window.item-done", nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return WindowStepResult.Done;
    }
}
