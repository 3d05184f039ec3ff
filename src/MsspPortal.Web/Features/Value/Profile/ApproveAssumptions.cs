using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Profile;

// The committee approves one input (Key) or every input not yet approved (Key empty). Approval is a new version too:
// a report published with the earlier version keeps its figures and still names that version's (unapproved) inputs.
public sealed record ApproveAssumptions : ICommand<int?>
{
    public Guid TenantId { get; init; }

    public int Version { get; init; }

    public string? Key { get; init; }
}

public sealed class ApproveAssumptionsValidator : AbstractValidator<ApproveAssumptions>
{
    public ApproveAssumptionsValidator(ITenantContext tenant, PortalDbContext db)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Version).MustAsync(async (c, version, ct) => version == await AssumptionSets.CurrentVersionAsync(db, c.TenantId, ct))
            .When(c => tenant.CanAccess(c.TenantId))
            .WithMessage("Only the version in force can be approved; someone saved a newer one meanwhile.");
        RuleFor(c => c.Key).MustAsync(async (c, key, ct) => await db.ValueAssumptions.AnyAsync(
                a => a.TenantId == c.TenantId && a.Key == key && a.ApprovedBy == null
                    && db.ValueAssumptionSets.Any(s => s.Id == a.ValueAssumptionSetId && s.Version == c.Version), ct))
            .When(c => !string.IsNullOrEmpty(c.Key) && c.Version > 0 && tenant.CanAccess(c.TenantId))
            .WithMessage("This input is already approved or is not in the version shown.");
    }
}

internal sealed class ApproveAssumptionsHandler(PortalDbContext db, TimeProvider clock, ICurrentUser user, AuditLog audit)
    : ICommandHandler<ApproveAssumptions, int?>
{
    public async ValueTask<int?> Handle(ApproveAssumptions command, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == command.TenantId, cancellationToken) || user.Id is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var current = await AssumptionSets.CurrentOrDefaultsAsync(db, command.TenantId, user.Id, now, cancellationToken);
        var approving = current.Assumptions.Where(a => a.IsMsspDefault && (string.IsNullOrEmpty(command.Key) || a.Key == command.Key)).ToList();
        if (approving.Count == 0)
        {
            return current.Version;
        }
        var approved = approving.Select(a => ValueAssumption.Range(a.Key, a.Label, a.Distribution, a.Min, a.MostLikely, a.Max, a.Unit, a.Source, a.SourceYear, user.Id, now));
        var note = approving.Count == 1 && !string.IsNullOrEmpty(command.Key) ? $"Approved: {approving[0].Label}" : $"Approved {approving.Count} inputs";
        var next = current.Revise(approved, user.Id, now, note[..Math.Min(note.Length, 1000)]);
        db.ValueAssumptionSets.Add(next);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(next.TenantId, "value-assumptions.approved", nameof(ValueAssumptionSet), next.Id);
        await db.SaveChangesAsync(cancellationToken);
        return next.Version;
    }
}
