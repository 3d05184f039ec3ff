using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Alerts;

// The customer's answer to an alert waiting on them: a comment, and nothing else a read-only role could change.
public sealed record AnswerAlert(long AlertId, string? Text) : ICommand<AnswerAlertResult>;

public enum AnswerAlertResult
{
    Answered,
    NotFound,
    NotWaiting,
    NotAllowed,
}

public sealed class AnswerAlertValidator : AbstractValidator<AnswerAlert>
{
    public AnswerAlertValidator() =>
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write your answer.")
            .MaximumLength(Comment.MaxBodyLength).WithMessage($"An answer holds at most {Comment.MaxBodyLength:N0} characters.");
}

internal sealed class AnswerAlertHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, ITenantAccess access, AuditLog audit)
    : ICommandHandler<AnswerAlert, AnswerAlertResult>
{
    public async ValueTask<AnswerAlertResult> Handle(AnswerAlert command, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken);
        if (alert is null || user.Id is not { } userId)
        {
            return AnswerAlertResult.NotFound;
        }
        // The business owner answers for the customer, MSSP staff for themselves; auditors and committee members only read.
        var mayAnswer = access.Has(Capability.TriageAlerts, alert.TenantId)
            || access.Grants.Any(g => g.TenantId == alert.TenantId && g.Role == PortalRole.BusinessOwner);
        if (!mayAnswer)
        {
            return AnswerAlertResult.NotAllowed;
        }
        if (alert.Status != AlertStatus.WaitingOnCustomer)
        {
            return AnswerAlertResult.NotWaiting;
        }
        db.Comments.Add(Comment.OnAlert(alert, userId, command.Text!.Trim(), clock.GetUtcNow()));
        audit.Record(alert.TenantId, "alert.answered", nameof(Alert), alert.Id);
        await db.SaveChangesAsync(cancellationToken);
        return AnswerAlertResult.Answered;
    }
}
