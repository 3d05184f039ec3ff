using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.ProtectionWindows;

// Changes a window's name, dates, services and weight. The checklist stays as it is (its due dates were the
// committee's to set); detection sees the new window at once and the rescoring job updates open alerts.
public sealed record EditProtectionWindow : ICommand<bool>
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Services { get; init; }

    public double Weight { get; init; } = 1.2;

    public static EditProtectionWindow Of(ProtectionWindow w) =>
        new() { Id = w.Id, Name = w.Name, StartsAt = w.StartsAt, EndsAt = w.EndsAt, Services = w.Services, Weight = w.Weight };
}

public sealed class EditProtectionWindowValidator : AbstractValidator<EditProtectionWindow>
{
    public EditProtectionWindowValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).WithMessage("The window must end after it starts.");
        RuleFor(c => c.Services).MaximumLength(1000);
        RuleFor(c => c.Weight).InclusiveBetween(1.0, 3.0).WithMessage("A window raises scores by ×1 to ×3.");
    }
}

internal sealed class EditProtectionWindowHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime, AuditLog audit)
    : ICommandHandler<EditProtectionWindow, bool>
{
    public async ValueTask<bool> Handle(EditProtectionWindow command, CancellationToken cancellationToken)
    {
        var window = await db.ProtectionWindows.FirstOrDefaultAsync(w => w.Id == command.Id, cancellationToken);
        if (window is null)
        {
            return false;
        }
        window.Change(command.Name, command.StartsAt, command.EndsAt,
            (command.Services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), command.Weight, clock.GetUtcNow());
        audit.Record(window.TenantId, "protection-window.changed", nameof(ProtectionWindow), window.Id);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(window.TenantId);
        return true;
    }
}
