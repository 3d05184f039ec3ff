using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

public sealed record CommentOnIncident(long Id, string Body) : ICommand<IncidentChange>;

public sealed class CommentOnIncidentValidator : AbstractValidator<CommentOnIncident>
{
    public CommentOnIncidentValidator() => RuleFor(c => c.Body).NotEmpty().MaximumLength(Comment.MaxBodyLength);
}

internal sealed class CommentOnIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<CommentOnIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(CommentOnIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null || user.Id is not { } userId)
        {
            return IncidentChange.NotFound;
        }
        db.Comments.Add(Comment.OnIncident(incident, userId, command.Body, clock.GetUtcNow()));
        audit.Record(incident.TenantId, "incident.commented", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
