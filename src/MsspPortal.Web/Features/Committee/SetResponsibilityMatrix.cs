using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee;

// Sets the whole RACI matrix at once (areas × active members): each area has exactly one Accountable member, so
// nobody wonders who answers for it. Cells left empty are removed.
public sealed record SetResponsibilityMatrix : ICommand<CommitteeChange>
{
    public Guid TenantId { get; init; }

    // A List: MVC binds Cells[i] into a list, not into a read-only one.
    public List<MatrixCell> Cells { get; init; } = [];
}

public sealed record MatrixCell
{
    public long MemberId { get; init; }

    public ResponsibilityArea Area { get; init; }

    public Raci? Raci { get; init; }
}

public sealed class SetResponsibilityMatrixValidator : AbstractValidator<SetResponsibilityMatrix>
{
    public SetResponsibilityMatrixValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleForEach(c => c.Cells).ChildRules(cell =>
        {
            cell.RuleFor(x => x.Area).IsInEnum();
            cell.RuleFor(x => x.Raci).IsInEnum();
        });
        RuleFor(c => c.Cells).Custom((cells, context) =>
        {
            foreach (var area in Enum.GetValues<ResponsibilityArea>())
            {
                var accountable = cells.Count(c => c.Area == area && c.Raci == Raci.Accountable);
                if (accountable != 1)
                {
                    context.AddFailure(nameof(SetResponsibilityMatrix.Cells),
                        $"{Capitalised(CommitteeText.Area(area))} needs exactly one Accountable member; it has {accountable}.");
                }
            }
            if (cells.GroupBy(c => (c.MemberId, c.Area)).Any(g => g.Count() > 1))
            {
                context.AddFailure(nameof(SetResponsibilityMatrix.Cells), "A member has one letter per area.");
            }
        });
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}

internal sealed class SetResponsibilityMatrixHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<SetResponsibilityMatrix, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(SetResponsibilityMatrix command, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Where(c => c.TenantId == command.TenantId).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return CommitteeChange.NotFound;
        }
        var members = await db.CommitteeMembers.Where(m => m.CommitteeId == committee.Id && m.Active).ToDictionaryAsync(m => m.Id, cancellationToken);
        var wanted = command.Cells.Where(c => c.Raci is not null).ToList();
        if (wanted.FirstOrDefault(c => !members.ContainsKey(c.MemberId)) is not null)
        {
            return CommitteeChange.Refused(nameof(command.Cells), "Letters go to active members of this committee only.");
        }
        // Changed in place, removed or added: the unique (committee, area, member) index never sees two rows at once.
        var existing = await db.CommitteeResponsibilities.Where(r => r.CommitteeId == committee.Id).ToListAsync(cancellationToken);
        foreach (var row in existing)
        {
            if (wanted.FirstOrDefault(c => c.MemberId == row.MemberId && c.Area == row.Area) is { Raci: { } raci })
            {
                row.Change(raci);
            }
            else
            {
                db.CommitteeResponsibilities.Remove(row);
            }
        }
        foreach (var cell in wanted.Where(c => !existing.Any(r => r.MemberId == c.MemberId && r.Area == c.Area)))
        {
            db.CommitteeResponsibilities.Add(CommitteeResponsibility.Assign(members[cell.MemberId], cell.Area, cell.Raci!.Value));
        }
        audit.Record(committee.TenantId, "committee.raci-set", "JointCommittee", committee.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(committee.Id);
    }
}
