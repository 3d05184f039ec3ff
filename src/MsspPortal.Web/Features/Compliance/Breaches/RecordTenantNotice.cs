using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Compliance.Breaches;

public enum TenantNoticeKind
{
    // The MSSP, as processor, told the tenant (GDPR Art. 33(2)).
    Notified = 1,

    // The tenant, as controller, became aware: GDPR's 72 hours run from here.
    Aware = 2,
}

public sealed record RecordTenantNotice : ICommand<BreachChange>
{
    public long Id { get; init; }

    public TenantNoticeKind Kind { get; init; }

    // UTC.
    public DateTime? At { get; init; }
}

public sealed class RecordTenantNoticeValidator : AbstractValidator<RecordTenantNotice>
{
    public RecordTenantNoticeValidator()
    {
        RuleFor(c => c.Kind).IsInEnum().NotEqual((TenantNoticeKind)0).WithMessage("Choose notified or aware.");
        RuleFor(c => c.At).NotNull().WithMessage("Give the instant (UTC).");
    }
}

internal sealed class RecordTenantNoticeHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<RecordTenantNotice, BreachChange>
{
    public async ValueTask<BreachChange> Handle(RecordTenantNotice command, CancellationToken cancellationToken)
    {
        var breach = await db.PersonalDataBreaches.FirstOrDefaultAsync(b => b.Id == command.Id, cancellationToken);
        if (breach is null)
        {
            return BreachChange.NotFound;
        }
        var at = BreachChange.Utc(command.At!.Value);
        if (at > clock.GetUtcNow())
        {
            return BreachChange.Refused(breach.Id, nameof(command.At), "The instant cannot be in the future.");
        }
        if (at < breach.DetectedAt)
        {
            return BreachChange.Refused(breach.Id, nameof(command.At), "The tenant cannot be told or aware before the breach was detected.");
        }
        if (command.Kind == TenantNoticeKind.Notified)
        {
            breach.TenantNotified(at);
        }
        else
        {
            breach.TenantAware(at);
        }
        audit.Record(breach.TenantId, command.Kind == TenantNoticeKind.Notified ? "breach.tenant-notified" : "breach.tenant-aware", nameof(PersonalDataBreach), breach.Id);
        await db.SaveChangesAsync(cancellationToken);
        return BreachChange.Done(breach.Id);
    }
}
