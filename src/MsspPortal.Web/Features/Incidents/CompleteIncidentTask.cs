using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

public sealed record CompleteIncidentTask(long Id, long TaskId) : ICommand<IncidentChange>;

internal sealed class CompleteIncidentTaskHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<CompleteIncidentTask, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(CompleteIncidentTask command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.Include(i => i.Tasks.Where(t => t.Id == command.TaskId))
            .FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident?.Tasks.FirstOrDefault(t => t.Id == command.TaskId) is not { } task)
        {
            return IncidentChange.NotFound;
        }
        incident.CompleteTask(task, user.Id, clock.GetUtcNow());
        audit.Record(incident.TenantId, "incident.task-done", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
