using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.ProtectionWindows;

// Gives a window that has no checklist (one created before checklists existed) the default one. Does nothing when
// the window already has items, so a second click adds nothing.
public sealed record StartWindowChecklist(long WindowId) : ICommand<WindowStepResult>;

internal sealed class StartWindowChecklistHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<StartWindowChecklist, WindowStepResult>
{
    public async ValueTask<WindowStepResult> Handle(StartWindowChecklist command, CancellationToken cancellationToken)
    {
        var window = await db.ProtectionWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == command.WindowId, cancellationToken);
        if (window is null)
        {
            return WindowStepResult.NotFound;
        }
        if (await WindowChecklist.AddDefaultsAsync(db, window, clock.GetUtcNow(), cancellationToken) == 0)
        {
            return WindowStepResult.Refused("The window has a checklist already.");
        }
        audit.Record(window.TenantId, "protection-window.checklist-started", "ProtectionWindow", window.Id);
        await db.SaveChangesAsync(cancellationToken);
        return WindowStepResult.Done;
    }
}
