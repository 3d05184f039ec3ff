using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Compliance.Breaches;

// A notification made under one regime: to whom, when, and its reference. The earliest per recipient stops the clock.
public sealed record RecordBreachNotification : ICommand<BreachChange>
{
    public long Id { get; init; }

    public BreachRecipient? Recipient { get; init; }

    public string NotifiedWhom { get; init; } = "";

    // UTC.
    public DateTime? At { get; init; }

    public string? Reference { get; init; }
}

public sealed class RecordBreachNotificationValidator : AbstractValidator<RecordBreachNotification>
{
    public RecordBreachNotificationValidator()
    {
        RuleFor(c => c.Recipient).NotNull().WithMessage("Choose who was notified.").IsInEnum();
        RuleFor(c => c.NotifiedWhom).NotEmpty().WithMessage("Name the authority or the audience notified.").MaximumLength(BreachNotification.MaxWhomLength);
        RuleFor(c => c.At).NotNull().WithMessage("Give the instant of the notification (UTC).");
        RuleFor(c => c.Reference).MaximumLength(BreachNotification.MaxWhomLength);
    }
}

internal sealed class RecordBreachNotificationHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RecordBreachNotification, BreachChange>
{
    public async ValueTask<BreachChange> Handle(RecordBreachNotification command, CancellationToken cancellationToken)
    {
        var breach = await db.PersonalDataBreaches.FirstOrDefaultAsync(b => b.Id == command.Id, cancellationToken);
        if (breach is null)
        {
            return BreachChange.NotFound;
        }
        var at = BreachChange.Utc(command.At!.Value);
        if (at > clock.GetUtcNow())
        {
            return BreachChange.Refused(breach.Id, nameof(command.At), "A notification cannot be recorded in the future.");
        }
        if (at < breach.DetectedAt)
        {
            return BreachChange.Refused(breach.Id, nameof(command.At), "A notification cannot precede detection.");
        }
        db.BreachNotifications.Add(breach.RecordNotification(command.Recipient!.Value, command.NotifiedWhom, at, command.Reference));
        audit.Record(breach.TenantId, "breach.notification", nameof(PersonalDataBreach), breach.Id);
        await db.SaveChangesAsync(cancellationToken);
        return BreachChange.Done(breach.Id);
    }
}
