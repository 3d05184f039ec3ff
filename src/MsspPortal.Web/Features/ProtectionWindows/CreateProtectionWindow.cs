using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.ProtectionWindows;

public sealed record CreateProtectionWindow : ICommand<long>
{
    public Guid TenantId { get; init; }

    public string Name { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Services { get; init; }

    public double Weight { get; init; } = 1.2;
}

public sealed class CreateProtectionWindowValidator : AbstractValidator<CreateProtectionWindow>
{
    public CreateProtectionWindowValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).WithMessage("The window must end after it starts.");
        RuleFor(c => c.Services).MaximumLength(1000);
        RuleFor(c => c.Weight).InclusiveBetween(1.0, 3.0).WithMessage("A window raises scores by ×1 to ×3.");
    }
}

internal sealed class CreateProtectionWindowHandler(PortalDbContext db, TimeProvider clock, DetectionRuntime runtime, AuditLog audit)
    : ICommandHandler<CreateProtectionWindow, long>
{
    public async ValueTask<long> Handle(CreateProtectionWindow command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = ProtectionWindow.Open(command.TenantId, command.Name, command.StartsAt, command.EndsAt,
            (command.Services ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), command.Weight, now);
        db.ProtectionWindows.Add(window);
        await db.SaveChangesAsync(cancellationToken);
        // Each phase starts with its checklist of action items, which need the window's id.
        await WindowChecklist.AddDefaultsAsync(db, window, now, cancellationToken);
        audit.Record(window.TenantId, "protection-window.created", nameof(ProtectionWindow), window.Id);
        await db.SaveChangesAsync(cancellationToken);
        runtime.Invalidate(command.TenantId); // new detections here see it now; the rescoring job updates open alerts
        return window.Id;
    }
}
