using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.Committee.Emergency;

// A status update of the session: due every 20 minutes while in session.
public sealed record AddStatusUpdate(long Id, string Text) : ICommand<ActivationChange>;

public sealed class AddStatusUpdateValidator : AbstractValidator<AddStatusUpdate>
{
    public AddStatusUpdateValidator() => RuleFor(c => c.Text).NotEmpty().WithMessage("Write the update.").MaximumLength(4000);
}

internal sealed class AddStatusUpdateHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit) : ICommandHandler<AddStatusUpdate, ActivationChange>
{
    public async ValueTask<ActivationChange> Handle(AddStatusUpdate command, CancellationToken cancellationToken)
    {
        var activation = await db.EmergencyActivations.Include(a => a.Updates).FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
        if (activation is null)
        {
            return ActivationChange.NotFound;
        }
        if (!activation.IsActive)
        {
            return new ActivationChange(activation.Id, $"The activation is {activation.State}: its record is final.");
        }
        activation.AddUpdate(command.Text, await EmergencyNames.OfAsync(db, user.Id, cancellationToken), clock.GetUtcNow());
        audit.Record(activation.TenantId, "committee.status-update", nameof(EmergencyActivation), activation.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ActivationChange(activation.Id);
    }
}

// How the record names the signed-in person: their display name, else their account id.
internal static class EmergencyNames
{
    public static async Task<string> OfAsync(PortalDbContext db, string? userId, CancellationToken cancellationToken) =>
        userId is null ? "system"
            : await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } name ? name : userId;
}
