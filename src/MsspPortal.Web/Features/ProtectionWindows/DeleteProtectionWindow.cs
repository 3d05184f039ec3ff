using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.ProtectionWindows;

// Deletes a window. Its checklist items are the committee's record of work done and stay on the action-item board:
// the relationship is ClientSetNull, so loading them into the context lets EF clear their ProtectionWindowId when the
// window goes (their origin and phase remain).
public sealed record DeleteProtectionWindow(long Id) : ICommand<bool>;

internal sealed class DeleteProtectionWindowHandler(PortalDbContext db, DetectionRuntime runtime, AuditLog audit)
    : ICommandHandler<DeleteProtectionWindow, bool>
{
    public async ValueTask<bool> Handle(DeleteProtectionWindow command, CancellationToken cancellationToken)
    {
        var window = await db.ProtectionWindows.FirstOrDefaultAsync(w => w.Id == command.Id, cancellationToken);
        if (window is null)
        {
            return false;
        }
        await db.ActionItems.Where(a => a.ProtectionWindowId == window.Id).LoadAsync(cancellationToken);
        db.ProtectionWindows.Remove(window);
        audit.Record(window.TenantId, "protection-window.deleted", nameof(ProtectionWindow), window.Id);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(window.TenantId);
        return true;
    }
}
