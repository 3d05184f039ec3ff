using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

public sealed record AddIncidentTask(long Id, string Title, string? AssigneeId) : ICommand<IncidentChange>;

public sealed class AddIncidentTaskValidator : AbstractValidator<AddIncidentTask>
{
    public AddIncidentTaskValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(IncidentTask.MaxTitleLength);
        RuleFor(c => c.AssigneeId).MaximumLength(450);
    }
}

internal sealed class AddIncidentTaskHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<AddIncidentTask, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(AddIncidentTask command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null)
        {
            return IncidentChange.NotFound;
        }
        var assignee = string.IsNullOrWhiteSpace(command.AssigneeId) ? null : command.AssigneeId;
        if (assignee is not null && assignee != user.Id
            && !await db.Memberships.AnyAsync(m => m.TenantId == incident.TenantId && m.UserId == assignee && m.Role == PortalRole.Analyst, cancellationToken))
        {
            return IncidentChange.Refused("A task goes to an analyst of the incident's tenant.");
        }
        incident.AddTask(command.Title, assignee, user.Id, clock.GetUtcNow());
        audit.Record(incident.TenantId, "incident.task-added", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
