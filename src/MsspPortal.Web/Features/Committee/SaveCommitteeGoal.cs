using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee;

// Adds a shared goal (Id null) or changes one: what it is, what measures it, the target and the period it covers.
public sealed record SaveCommitteeGoal : ICommand<CommitteeChange>
{
    public long? Id { get; init; }

    public Guid TenantId { get; init; }

    public string Title { get; init; } = "";

    public string? MeasureKey { get; init; }

    public GoalComparison Comparison { get; init; }

    public double Target { get; init; }

    public string? Unit { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }
}

public sealed class SaveCommitteeGoalValidator : AbstractValidator<SaveCommitteeGoal>
{
    public SaveCommitteeGoalValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what the goal is.").MaximumLength(300);
        RuleFor(c => c.MeasureKey).MaximumLength(100);
        RuleFor(c => c.Comparison).IsInEnum();
        RuleFor(c => c.Target).Must(double.IsFinite).WithMessage("The target is a number.");
        RuleFor(c => c.Unit).MaximumLength(32);
        RuleFor(c => c.To).GreaterThanOrEqualTo(c => c.From).When(c => c.From is not null && c.To is not null)
            .WithMessage("The period ends on or after the day it starts.");
    }
}

internal sealed class SaveCommitteeGoalHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<SaveCommitteeGoal, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(SaveCommitteeGoal command, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Where(c => c.TenantId == command.TenantId).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return CommitteeChange.NotFound;
        }
        var unit = command.Unit ?? "";
        CommitteeGoal goal;
        if (command.Id is { } id)
        {
            if (await db.CommitteeGoals.FirstOrDefaultAsync(g => g.Id == id && g.CommitteeId == committee.Id, cancellationToken) is not { } found)
            {
                return CommitteeChange.NotFound;
            }
            goal = found;
            goal.Change(command.Title, command.MeasureKey, command.Comparison, command.Target, unit, command.From, command.To);
        }
        else
        {
            goal = CommitteeGoal.Set(committee, command.Title, command.MeasureKey, command.Comparison, command.Target, unit, command.From, command.To);
            db.CommitteeGoals.Add(goal);
            await db.SaveChangesAsync(cancellationToken);
        }
        audit.Record(committee.TenantId, command.Id is null ? "committee.goal-set" : "committee.goal-changed", nameof(CommitteeGoal), goal.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(goal.Id);
    }
}
