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
        _ => "alert.triaged",
    };
}
