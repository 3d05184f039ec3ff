using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// The committee's lessons learned and strategy changes for the next quarter. They are part of the signed content:
// changing them after one side signed voids that signature (the hash changes); after both signed, they stay.
public sealed record AnnotateRetrospective(long Id, string? Lessons, string? StrategyChanges) : ICommand<RetrospectiveChange>;

public sealed class AnnotateRetrospectiveValidator : AbstractValidator<AnnotateRetrospective>
{
    public AnnotateRetrospectiveValidator()
    {
        RuleFor(c => c.Lessons).MaximumLength(Retrospective.MaxNotesLength);
        RuleFor(c => c.StrategyChanges).MaximumLength(Retrospective.MaxNotesLength);
    }
}

internal sealed class AnnotateRetrospectiveHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<AnnotateRetrospective, RetrospectiveChange>
{
    public async ValueTask<RetrospectiveChange> Handle(AnnotateRetrospective command, CancellationToken cancellationToken)
    {
        var retro = await db.Retrospectives.Include(r => r.Signatures).FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (retro is null)
        {
            return RetrospectiveChange.NotFound;
        }
        if (retro.IsSignedOff)
        {
            return new RetrospectiveChange(retro.Id, $"The Q{retro.Quarter} {retro.Year} retrospective is signed off by both sides: its lessons and strategy changes can no longer be edited. Raise a follow-up action item instead.");
        }
        var bound = retro.ValidSignatures.Select(s => s.Name).ToList();
        var before = retro.ContentHash;
        retro.Annotate(command.Lessons, command.StrategyChanges);
        audit.Record(retro.TenantId, "retrospective.annotated", nameof(Retrospective), retro.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new RetrospectiveChange(retro.Id, Done: before == retro.ContentHash
            ? "Nothing changed."
            : bound.Count == 0
                ? "Lessons and strategy changes saved."
                : $"Saved. The content changed, so the signature of {string.Join(" and ", bound)} no longer binds it: it is void. Sign again.");
    }
}
