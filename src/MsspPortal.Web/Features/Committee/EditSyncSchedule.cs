using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee;

// The weekly sync's day, local start time (the tenant's zone) and length.
public sealed record EditSyncSchedule : ICommand<CommitteeChange>
{
    public Guid TenantId { get; init; }

    public DayOfWeek SyncDay { get; init; } = DayOfWeek.Tuesday;

    public TimeOnly SyncTime { get; init; } = new(10, 0);

    public int SyncMinutes { get; init; } = 45;
}

public sealed class EditSyncScheduleValidator : AbstractValidator<EditSyncSchedule>
{
    public EditSyncScheduleValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.SyncDay).IsInEnum();
        RuleFor(c => c.SyncMinutes).InclusiveBetween(15, 480).WithMessage("A weekly sync lasts between 15 minutes and 8 hours.");
    }
}

internal sealed class EditSyncScheduleHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditSyncSchedule, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(EditSyncSchedule command, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Where(c => c.TenantId == command.TenantId).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return CommitteeChange.NotFound;
        }
        committee.MeetWeekly(command.SyncDay, command.SyncTime, command.SyncMinutes);
        audit.Record(committee.TenantId, "committee.schedule-changed", "JointCommittee", committee.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(committee.Id);
    }
}
