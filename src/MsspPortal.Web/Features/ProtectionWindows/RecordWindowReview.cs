using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;

namespace MsspPortal.Web.Features.ProtectionWindows;

// The "after" phase's record: what happened during the window and its business effect. Only once the window has
// ended (the domain refuses earlier); recording again replaces the text and says who and when.
public sealed record RecordWindowReview : ICommand<WindowStepResult>
{
    public long WindowId { get; init; }

    public string Review { get; init; } = "";
}

public sealed class RecordWindowReviewValidator : AbstractValidator<RecordWindowReview>
{
    public RecordWindowReviewValidator() =>
        RuleFor(c => c.Review).NotEmpty().WithMessage("Write what happened and its business effect.").MaximumLength(8000);
}

internal sealed class RecordWindowReviewHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<RecordWindowReview, WindowStepResult>
{
    public async ValueTask<WindowStepResult> Handle(RecordWindowReview command, CancellationToken cancellationToken)
    {
        var window = await db.ProtectionWindows.FirstOrDefaultAsync(w => w.Id == command.WindowId, cancellationToken);
        if (window is null)
        {
            return WindowStepResult.NotFound;
        }
        var now = clock.GetUtcNow();
        if (now < window.EndsAt)
        {
            return WindowStepResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"The review is recorded after the window ends ({window.EndsAt:yyyy-MM-dd HH:mm} UTC)."));
        }
        window.RecordReview(command.Review, user.Id ?? "system", now);
        audit.Record(window.TenantId, "protection-window.reviewed", nameof(ProtectionWindow), window.Id);
        await db.SaveChangesAsync(cancellationToken);
        return WindowStepResult.Done;
    }
}
