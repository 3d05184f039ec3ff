using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.ActionItems;

// Raises an item on the board (Id null) or edits an open one: what is to be done, by whom (an active member of
// either side) and by when.
public sealed record SaveActionItem : ICommand<CommitteeChange>
{
    public long? Id { get; init; }

    public Guid TenantId { get; init; }

    public string Title { get; init; } = "";

    public string? Detail { get; init; }

    public long? OwnerMemberId { get; init; }

    public DateOnly? DueOn { get; init; }

    // When raised from an incident or a value report (the link on its page), the item keeps it as its origin.
    public long? IncidentId { get; init; }

    public long? ValueReportId { get; init; }
}

// The tenant and a label of the record an item is raised from, or null when it is not one the caller can see.
public sealed record FindActionOrigin(long? IncidentId, long? ValueReportId) : IQuery<ActionOrigin?>;

public sealed record ActionOrigin(Guid TenantId, string Label);

internal sealed class FindActionOriginHandler(PortalDbContext db) : IQueryHandler<FindActionOrigin, ActionOrigin?>
{
    public async ValueTask<ActionOrigin?> Handle(FindActionOrigin query, CancellationToken cancellationToken)
    {
        if (query.IncidentId is { } incidentId)
        {
            return await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId)
                .Select(i => new ActionOrigin(i.TenantId, "Incident #" + i.Id + ": " + i.Title)).FirstOrDefaultAsync(cancellationToken);
        }
        if (query.ValueReportId is { } reportId)
        {
            var report = await db.ValueReports.AsNoTracking().Where(r => r.Id == reportId).Select(r => new { r.TenantId, r.Month }).FirstOrDefaultAsync(cancellationToken);
            return report is null ? null : new ActionOrigin(report.TenantId, $"Value report of {report.Month:yyyy-MM}");
        }
        return null;
    }
}

public sealed class SaveActionItemValidator : AbstractValidator<SaveActionItem>
{
    public SaveActionItemValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Say what is to be done.").MaximumLength(ActionItem.MaxTitleLength);
        RuleFor(c => c.Detail).MaximumLength(4000);
        RuleFor(c => c.OwnerMemberId).NotNull().WithMessage("Choose who owns it.");
        RuleFor(c => c.DueOn).NotNull().WithMessage("Give a due date.");
    }
}

internal sealed class SaveActionItemHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<SaveActionItem, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(SaveActionItem command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken))
        {
            return CommitteeChange.NotFound;
        }
        ActionItem? item = null;
        if (command.Id is { } id)
        {
            item = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == id && a.TenantId == command.TenantId, cancellationToken);
            if (item is null)
            {
                return CommitteeChange.NotFound;
            }
            if (!item.IsOpen)
            {
                return CommitteeChange.Refused("", $"This item is {item.Status.ToString().ToLowerInvariant()}: it can no longer be edited.");
            }
        }
        var owner = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == command.OwnerMemberId && m.TenantId == command.TenantId && m.Active, cancellationToken);
        if (owner is null)
        {
            return CommitteeChange.Refused(nameof(command.OwnerMemberId), "Choose an active member of this tenant's committee.");
        }
        if (item is null)
        {
            var source = ActionItemSource.Manual;
            if (command.IncidentId is { } incidentId)
            {
                source = await db.Incidents.AnyAsync(i => i.Id == incidentId && i.TenantId == command.TenantId, cancellationToken)
                    ? ActionItemSource.FromIncident(incidentId) : null!;
            }
            else if (command.ValueReportId is { } reportId)
            {
                source = await db.ValueReports.AnyAsync(r => r.Id == reportId && r.TenantId == command.TenantId, cancellationToken)
                    ? ActionItemSource.FromReport(reportId) : null!;
            }
            if (source is null)
            {
                return CommitteeChange.NotFound;
            }
            item = ActionItem.Raise(command.TenantId, command.Title, owner, command.DueOn, clock.GetUtcNow(), source);
            db.ActionItems.Add(item);
            await db.SaveChangesAsync(cancellationToken);
        }
        item.Edit(command.Title, command.Detail, owner, command.DueOn);
        audit.Record(command.TenantId, command.Id is null ? "action-item.raised" : "action-item.edited", nameof(ActionItem), item.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(item.Id);
    }
}
