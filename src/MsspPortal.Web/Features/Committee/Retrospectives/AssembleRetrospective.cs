using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// Assembles a quarter's pack from the records, or replaces the pack of an unsigned retrospective (new records, a
// correction): a changed pack changes the content hash, so any signature given meanwhile no longer binds it. A
// signed-off retrospective never changes.
public sealed record AssembleRetrospective(Guid TenantId, int Year, int Quarter) : ICommand<RetrospectiveChange>;

// The outcome of a change: the retrospective's id (null: not found), an error to show, or what happened.
public sealed record RetrospectiveChange(long? RetrospectiveId, string? Error = null, string? Done = null)
{
    public static RetrospectiveChange NotFound { get; } = new((long?)null);
}

public sealed class AssembleRetrospectiveValidator : AbstractValidator<AssembleRetrospective>
{
    public AssembleRetrospectiveValidator()
    {
        RuleFor(c => c.Quarter).InclusiveBetween(1, 4).WithMessage("A quarter is 1 to 4.");
        RuleFor(c => c.Year).InclusiveBetween(2000, 2100).WithMessage("Choose a year between 2000 and 2100.");
    }
}

internal sealed class AssembleRetrospectiveHandler(PortalDbContext db, ISender sender, TimeProvider clock, AuditLog audit)
    : ICommandHandler<AssembleRetrospective, RetrospectiveChange>
{
    public async ValueTask<RetrospectiveChange> Handle(AssembleRetrospective command, CancellationToken cancellationToken)
    {
        // The tenant filter applies: another tenant's committee is simply not found.
        var committee = await db.Committees.FirstOrDefaultAsync(c => c.TenantId == command.TenantId, cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == command.TenantId, cancellationToken);
        if (committee is null || tenant is null)
        {
            return RetrospectiveChange.NotFound;
        }
        var quarter = new RetrospectiveAssembler.Quarter(command.Year, command.Quarter, RetrospectiveAssembler.Zone(tenant.TimeZone));
        var now = clock.GetUtcNow();
        var existing = await db.Retrospectives.Include(r => r.Signatures)
            .FirstOrDefaultAsync(r => r.TenantId == command.TenantId && r.Year == command.Year && r.Quarter == command.Quarter, cancellationToken);
        if (quarter.From > now)
        {
            return new RetrospectiveChange(existing?.Id, $"Q{command.Quarter} {command.Year} has not started yet in the tenant's time zone.");
        }
        if (existing is { IsSignedOff: true })
        {
            return new RetrospectiveChange(existing.Id, $"The Q{command.Quarter} {command.Year} retrospective is signed off by both sides: its pack can no longer be reassembled.");
        }

        var pack = (await new RetrospectiveAssembler(db, sender, clock).AssembleAsync(tenant, quarter, cancellationToken)).ToJson();
        if (existing is null)
        {
            var retro = Retrospective.Assemble(committee, command.Year, command.Quarter, pack, now);
            db.Retrospectives.Add(retro);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(retro.TenantId, "retrospective.assembled", nameof(Retrospective), retro.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new RetrospectiveChange(retro.Id, Done: $"Q{command.Quarter} {command.Year} assembled from the records.");
        }
        var bound = existing.ValidSignatures.Select(s => s.Name).ToList();
        var unchanged = existing.Pack == pack;
        existing.Reassemble(pack, now);
        audit.Record(existing.TenantId, "retrospective.reassembled", nameof(Retrospective), existing.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new RetrospectiveChange(existing.Id, Done: unchanged
            ? "Reassembled: the records give the same pack, so its hash and any signature stay as they were."
            : bound.Count == 0
                ? "Reassembled: the pack changed with the records."
                : $"Reassembled: the pack changed, so the signature of {string.Join(" and ", bound)} no longer binds it. Sign again.");
    }
}
