using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee;

// A measured value entered by hand (a goal no record of the portal measures: "no compliance fine"), with where it
// comes from: the portal never shows a figure without its source.
public sealed record RecordGoalMeasurement : ICommand<CommitteeChange>
{
    public long Id { get; init; }

    public double? Measured { get; init; }

    public string Source { get; init; } = "";
}

public sealed class RecordGoalMeasurementValidator : AbstractValidator<RecordGoalMeasurement>
{
    public RecordGoalMeasurementValidator()
    {
        RuleFor(c => c.Measured).NotNull().WithMessage("Give the measured value.")
            .Must(v => v is null || double.IsFinite(v.Value)).WithMessage("The measured value is a number.");
        RuleFor(c => c.Source).NotEmpty().WithMessage("Say where the value comes from (a document, an audit, a report).").MaximumLength(400);
    }
}

internal sealed class RecordGoalMeasurementHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RecordGoalMeasurement, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(RecordGoalMeasurement command, CancellationToken cancellationToken)
    {
        if (await db.CommitteeGoals.FirstOrDefaultAsync(g => g.Id == command.Id, cancellationToken) is not { } goal)
        {
            return CommitteeChange.NotFound;
        }
        goal.Record(command.Measured!.Value, clock.GetUtcNow(), "Recorded by hand: " + command.Source.Trim());
        audit.Record(goal.TenantId, "committee.goal-measured", nameof(CommitteeGoal), goal.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(goal.Id);
    }
}
