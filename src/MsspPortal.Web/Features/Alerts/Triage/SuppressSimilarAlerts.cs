using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Alerts;

// Stops the alert's rule raising alerts for one of the alert's entities for a while; detection counts what it catches.
public sealed record SuppressSimilarAlerts(long AlertId, SuppressionField? Field, int Hours, string? Reason) : ICommand<SuppressSimilarAlertsResult>;

public enum SuppressSimilarAlertsResult
{
    Suppressed,
    NotFound,
    NotAllowed,
    NoSuchEntity,
}

public sealed class SuppressSimilarAlertsValidator : AbstractValidator<SuppressSimilarAlerts>
{
    public SuppressSimilarAlertsValidator()
    {
        RuleFor(c => c.Field).NotNull().WithMessage("Choose what is the same: source address, user or host.").IsInEnum();
        RuleFor(c => c.Hours).InclusiveBetween(1, (int)AlertSuppression.MaxDuration.TotalHours)
            .WithMessage($"Suppress for 1 hour to {AlertSuppression.MaxDuration.TotalDays} days.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why these alerts may be suppressed.")
            .MaximumLength(AlertSuppression.MaxReasonLength);
    }
}

internal sealed class SuppressSimilarAlertsHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, ITenantAccess access, AuditLog audit,
    DetectionRuntime runtime) : ICommandHandler<SuppressSimilarAlerts, SuppressSimilarAlertsResult>
{
    public async ValueTask<SuppressSimilarAlertsResult> Handle(SuppressSimilarAlerts command, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken);
        if (alert is null || user.Id is not { } userId)
        {
            return SuppressSimilarAlertsResult.NotFound;
        }
        if (!access.Has(Capability.TriageAlerts, alert.TenantId))
        {
            return SuppressSimilarAlertsResult.NotAllowed;
        }
        var now = clock.GetUtcNow();
        if (AlertSuppression.Like(alert, command.Field!.Value, now.AddHours(command.Hours), userId, command.Reason!, now) is not { } suppression)
        {
            return SuppressSimilarAlertsResult.NoSuchEntity;
        }
        db.AlertSuppressions.Add(suppression);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(alert.TenantId, "alert.suppression-created", nameof(AlertSuppression), suppression.Id);
        await db.SaveChangesAsync(cancellationToken);
        // This node applies it at the next chunk; others when their tenant profile is next reloaded (within a minute).
        runtime.Invalidate(alert.TenantId);
        return SuppressSimilarAlertsResult.Suppressed;
    }
}
