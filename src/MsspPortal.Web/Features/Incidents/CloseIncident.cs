using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Incidents;

// Closes with the business impact the value reports read: the service affected, minutes of interruption, and the
// loss actually incurred with its source. Zero is a valid answer; a blank is not.
public sealed record CloseIncident : ICommand<IncidentChange>
{
    public long Id { get; init; }

    public long? BusinessServiceId { get; init; }

    public int? DowntimeMinutes { get; init; }

    public decimal? ActualLoss { get; init; }

    public string? LossSource { get; init; }

    public string? Summary { get; init; }
}

public sealed class CloseIncidentValidator : AbstractValidator<CloseIncident>
{
    public CloseIncidentValidator()
    {
        RuleFor(c => c.BusinessServiceId).NotNull().WithMessage("Choose the business service affected.").GreaterThan(0);
        RuleFor(c => c.DowntimeMinutes).NotNull().WithMessage("Enter the minutes of interruption (0 for none).")
            .InclusiveBetween(0, 525_600);
        RuleFor(c => c.ActualLoss).NotNull().WithMessage("Enter the loss incurred (0 for none).")
            .GreaterThanOrEqualTo(0).LessThan(1_000_000_000_000m);
        RuleFor(c => c.LossSource).NotEmpty().WithMessage("Say where the loss figure comes from, even for 0 (e.g. customer finance, invoice 2026-114).")
            .MaximumLength(Incident.MaxLossSourceLength);
        RuleFor(c => c.Summary).MaximumLength(4000);
    }
}

internal sealed class CloseIncidentHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<CloseIncident, IncidentChange>
{
    public async ValueTask<IncidentChange> Handle(CloseIncident command, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == command.Id, cancellationToken);
        if (incident is null)
        {
            return IncidentChange.NotFound;
        }
        if (!incident.IsOpen)
        {
            return IncidentChange.Refused("The incident is already closed.");
        }
        // The service must be the incident's tenant's (the filter hides others, but the caller may see several).
        if (!await db.BusinessServices.AnyAsync(s => s.Id == command.BusinessServiceId && s.TenantId == incident.TenantId, cancellationToken))
        {
            return IncidentChange.Refused("Choose a business service of the incident's tenant.");
        }
        var impact = new IncidentImpact(command.BusinessServiceId!.Value, command.DowntimeMinutes!.Value, command.ActualLoss!.Value,
            command.LossSource!, string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary);
        incident.Close(impact, user.Id, clock.GetUtcNow());
        audit.Record(incident.TenantId, "incident.closed", nameof(Incident), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new IncidentChange(incident.Id);
    }
}
