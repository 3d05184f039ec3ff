using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

// One triage step on one alert or on a selection (the queue's bulk actions send the same message).
public sealed record TriageAlerts(IReadOnlyList<long> AlertIds, TriageAction Action) : ICommand<TriageResult>;

public sealed class TriageAlertsValidator : AbstractValidator<TriageAlerts>
{
    public const int MaxAlerts = 10_000;

    // Matches the disposition reason's column; history reasons allow more.
    public const int MaxReasonLength = 1000;

    public TriageAlertsValidator()
    {
        RuleFor(c => c.AlertIds).NotEmpty().WithMessage("Choose at least one alert.")
            .Must(ids => ids.Count <= MaxAlerts).WithMessage($"At most {MaxAlerts:N0} alerts at once.");
        RuleFor(c => c.Action).NotNull();
        RuleFor(c => c.Action.Verb).IsInEnum().When(c => c.Action is not null);
        When(c => c.Action is { Verb: TriageVerb.Resolve }, () =>
        {
            RuleFor(c => c.Action.Disposition).NotNull().WithMessage("Say what the alert was: true positive, benign true positive or false positive.")
                .IsInEnum().WithMessage("Say what the alert was: true positive, benign true positive or false positive.");
            RuleFor(c => c.Action.Reason).NotEmpty().WithMessage("Say why: resolving needs a reason.");
        });
        When(c => c.Action is { Verb: TriageVerb.Comment }, () =>
            RuleFor(c => c.Action.Reason).NotEmpty().WithMessage("Write the comment.")
                .MaximumLength(Comment.MaxBodyLength).WithMessage($"A comment holds at most {Comment.MaxBodyLength:N0} characters."));
        When(c => c.Action is { Verb: not TriageVerb.Comment }, () =>
            RuleFor(c => c.Action.Reason).MaximumLength(MaxReasonLength).WithMessage($"A reason holds at most {MaxReasonLength:N0} characters."));
        When(c => c.Action is { Verb: TriageVerb.Assign }, () =>
            RuleFor(c => c.Action.AssigneeId).NotEmpty().WithMessage("Choose the person to assign."));
        When(c => c.Action is { Verb: TriageVerb.Merge, TargetId: not null }, () =>
            RuleFor(c => c.Action.TargetId).GreaterThan(0).WithMessage("Give the number of the alert to merge into."));
        When(c => c.Action is { Verb: TriageVerb.ChangeStatus }, () =>
            RuleFor(c => c.Action.Status).NotNull().WithMessage("Choose a status.")
                .IsInEnum().WithMessage("Choose a status.")
                .NotEqual(AlertStatus.New).WithMessage("An alert cannot go back to New.")
                .NotEqual(AlertStatus.Resolved).WithMessage("Resolve the alert with a disposition and a reason."));
    }
}

internal sealed class TriageAlertsHandler(
    PortalDbContext db, TimeProvider clock, ICurrentUser user, ITenantAccess access, AuditLog audit, IPublisher publisher)
    : ICommandHandler<TriageAlerts, TriageResult>
{
    public async ValueTask<TriageResult> Handle(TriageAlerts command, CancellationToken cancellationToken)
    {
        var ids = command.AlertIds.Distinct().ToList();
        if (user.Id is not { } userId)
        {
            return new TriageResult(0, 0, ["Only a signed-in person triages alerts."]);
        }
        var now = clock.GetUtcNow();
        if (command.Action.Verb == TriageVerb.Merge)
        {
            return await MergeAsync(ids, command.Action, userId, now, cancellationToken);
        }
        // The tenant filter applies: an alert of a tenant out of scope is not found, exactly like one that never existed.
        var alerts = await db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var assignable = new Dictionary<Guid, bool>();
        var emergencies = new List<EmergencyEscalated>();
        var (changed, unchanged, refused) = (0, 0, new List<string>());
        foreach (var id in ids)
        {
            if (!alerts.TryGetValue(id, out var alert))
            {
                refused.Add($"Alert {id}: not found.");
                continue;
            }
            // Roles are per tenant: an analyst of A who audits B reads B's alerts but triages none of them.
            if (!access.Has(Capability.TriageAlerts, alert.TenantId))
            {
                refused.Add($"Alert {id}: you may not triage this tenant's alerts.");
                continue;
            }
            if (command.Action.Verb == TriageVerb.Assign && !await CanBeAssignedAsync(command.Action.AssigneeId!, alert.TenantId, assignable, cancellationToken))
            {
                refused.Add($"Alert {id}: the assignee is not MSSP staff who triage this tenant.");
                continue;
            }
            var before = alert.History.Count;
            try
            {
                if (Apply(alert, command.Action, userId, now) is { } emergency)
                {
                    emergencies.Add(emergency);
                }
            }
            catch (InvalidOperationException e)
            {
                refused.Add($"Alert {id}: {e.Message}");
                continue;
            }
            if (command.Action.Verb == TriageVerb.Comment || alert.History.Count > before)
            {
                audit.Record(alert.TenantId, AuditAction(command.Action.Verb), nameof(Alert), alert.Id);
                changed++;
            }
            else
            {
                unchanged++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        // Announced once the escalation is saved: a handler that fails afterwards cannot undo the analyst's step.
        foreach (var emergency in emergencies)
        {
            await publisher.Publish(emergency, cancellationToken);
        }
        return new TriageResult(changed, unchanged, refused);
    }

    private EmergencyEscalated? Apply(Alert alert, TriageAction action, string userId, DateTimeOffset now)
    {
        var reason = string.IsNullOrWhiteSpace(action.Reason) ? null : action.Reason.Trim();
        switch (action.Verb)
        {
            case TriageVerb.Acknowledge:
                alert.Acknowledge(userId, now);
                break;
            case TriageVerb.AssignToMe:
                alert.Assign(userId, userId, now);
                break;
            case TriageVerb.Assign:
                alert.Assign(action.AssigneeId, userId, now);
                break;
            case TriageVerb.Unassign:
                alert.Assign(null, userId, now);
                break;
            case TriageVerb.ChangeStatus:
                alert.ChangeStatus(action.Status!.Value, userId, now, reason);
                break;
            case TriageVerb.Escalate:
                if (alert.Status != AlertStatus.Escalated && alert.Escalate(userId, now, reason))
                {
                    return new EmergencyEscalated(alert.TenantId, alert.Id, null, reason ?? $"Critical alert escalated: {alert.Title}", now);
                }
                break;
            case TriageVerb.Resolve:
                alert.Resolve(action.Disposition!.Value, reason!, userId, now);
                break;
            case TriageVerb.Comment:
                db.Comments.Add(Comment.OnAlert(alert, userId, action.Reason!.Trim(), now));
                break;
            default:
                throw new InvalidOperationException($"Unknown triage step {action.Verb}.");
        }
        return null;
    }

    // Folds duplicates of one attack into one survivor: the target named, or else the highest-risk open alert of the
    // selection (ties: the oldest). Everything happens in the survivor's tenant, where the user must triage.
    private async Task<TriageResult> MergeAsync(List<long> ids, TriageAction action, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lookup = action.TargetId is { } targetId ? ids.Append(targetId).Distinct().ToList() : ids;
        // The tenant filter applies: another tenant's alert, as target or as duplicate, is simply not found.
        var alerts = await db.Alerts.Where(a => lookup.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var survivor = action.TargetId is { } chosen
            ? alerts.GetValueOrDefault(chosen)
            : alerts.Values.Where(a => a.IsOpen && a.MergedIntoId is null)
                .OrderByDescending(a => a.RiskScore).ThenBy(a => a.DetectedAt).ThenBy(a => a.Id).FirstOrDefault();
        if (survivor is null)
        {
            return new TriageResult(0, 0, [action.TargetId is { } missing ? $"Alert #{missing}: not found." : "No open alert in the selection to merge into."]);
        }
        if (!access.Has(Capability.TriageAlerts, survivor.TenantId))
        {
            return new TriageResult(0, 0, [$"Alert #{survivor.Id}: you may not triage this tenant's alerts."]);
        }
        var merged = new List<Alert>();
        var refused = new List<string>();
        foreach (var id in ids.Where(id => id != survivor.Id))
        {
            if (!alerts.TryGetValue(id, out var duplicate))
            {
                refused.Add($"Alert {id}: not found.");
                continue;
            }
            if (!access.Has(Capability.TriageAlerts, duplicate.TenantId))
            {
                refused.Add($"Alert {id}: you may not triage this tenant's alerts.");
                continue;
            }
            try
            {
                duplicate.MergeInto(survivor, userId, now);
            }
            catch (InvalidOperationException e)
            {
                refused.Add(e.Message);
                continue;
            }
            audit.Record(duplicate.TenantId, "alert.merged", nameof(Alert), duplicate.Id);
            merged.Add(duplicate);
        }
        if (merged.Count == 0 && refused.Count == 0)
        {
            refused.Add($"Alert {survivor.Id} cannot be merged into itself.");
        }
        await CopyEventLinksAsync(survivor, merged, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TriageResult(merged.Count, 0, refused);
    }

    // The survivor's page shows the duplicates' raw lines too: their links are copied, up to the per-alert cap, in
    // event order; an event already linked to the survivor is not linked twice.
    private async Task CopyEventLinksAsync(Alert survivor, List<Alert> merged, CancellationToken cancellationToken)
    {
        if (merged.Count == 0)
        {
            return;
        }
        var linked = await db.AlertEvents.Where(l => l.AlertId == survivor.Id).Select(l => l.EventId).ToListAsync(cancellationToken);
        var room = AlertEvent.MaxPerAlert - linked.Count;
        if (room <= 0)
        {
            return;
        }
        var duplicateIds = merged.Select(a => a.Id).ToList();
        var candidates = await db.AlertEvents.Where(l => duplicateIds.Contains(l.AlertId)).Select(l => l.EventId).Distinct()
            .OrderBy(e => e).Take(room + linked.Count).ToListAsync(cancellationToken);
        var known = linked.ToHashSet();
        foreach (var eventId in candidates.Where(known.Add).Take(room))
        {
            db.AlertEvents.Add(new AlertEvent { TenantId = survivor.TenantId, AlertId = survivor.Id, EventId = eventId });
        }
    }

    // MSSP staff who may triage the tenant: its analysts and the platform admins.
    private async Task<bool> CanBeAssignedAsync(string assigneeId, Guid tenantId, Dictionary<Guid, bool> known, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(tenantId, out var allowed))
        {
            return allowed;
        }
        allowed = await db.Memberships.AnyAsync(m => m.TenantId == tenantId && m.UserId == assigneeId && m.Role == PortalRole.Analyst, cancellationToken)
            || await IsPlatformAdminAsync(assigneeId, cancellationToken);
        known[tenantId] = allowed;
        return allowed;
    }

    private Task<bool> IsPlatformAdminAsync(string userId, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == nameof(PortalRole.PlatformAdmin)), cancellationToken);

    private static string AuditAction(TriageVerb verb) => verb switch
    {
        TriageVerb.Acknowledge => "alert.acknowledged",
        TriageVerb.AssignToMe or TriageVerb.Assign or TriageVerb.Unassign => "alert.assigned",
        TriageVerb.ChangeStatus => "alert.status-changed",
        TriageVerb.Escalate => "alert.escalated",
        TriageVerb.Resolve => "alert.resolved",
        TriageVerb.Comment => "alert.commented",
        TriageVerb.Merge => "alert.merged",
        _ => "alert.triaged",
    };
}
