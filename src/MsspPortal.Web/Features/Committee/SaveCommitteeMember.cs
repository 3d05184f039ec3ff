using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee;

// Appoints a member (Id null) or changes a seat: job title, committee role, decision authority, incident lead, whom
// they stand in for, and the portal account they act through, found by e-mail among the tenant's own accounts.
public sealed record SaveCommitteeMember : ICommand<CommitteeChange>
{
    public long? Id { get; init; }

    public Guid TenantId { get; init; }

    public string Name { get; init; } = "";

    public CommitteeSide Side { get; init; }

    public string Title { get; init; } = "";

    public CommitteeRole Role { get; init; }

    public bool HasDecisionAuthority { get; init; }

    public bool CanLeadIncidents { get; init; }

    public long? AlternateForId { get; init; }

    // The e-mail of the member's account in this tenant; empty for a member without an account.
    public string? AccountEmail { get; init; }
}

public sealed class SaveCommitteeMemberValidator : AbstractValidator<SaveCommitteeMember>
{
    public SaveCommitteeMemberValidator(ITenantContext tenant)
    {
        RuleFor(c => c.TenantId).Must(tenant.CanAccess).WithMessage("Choose one of your tenants.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the member's name.").MaximumLength(200);
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the member's job title (CTO, SOC lead...).").MaximumLength(100);
        RuleFor(c => c.Side).IsInEnum();
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.AccountEmail).MaximumLength(256).EmailAddress().WithMessage("That is not an e-mail address.")
            .When(c => !string.IsNullOrWhiteSpace(c.AccountEmail));
        RuleFor(c => c.AlternateForId).Must((c, alt) => alt is null || alt != c.Id).WithMessage("A member cannot stand in for themselves.");
    }
}

internal sealed class SaveCommitteeMemberHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<SaveCommitteeMember, CommitteeChange>
{
    public async ValueTask<CommitteeChange> Handle(SaveCommitteeMember command, CancellationToken cancellationToken)
    {
        var committee = await db.Committees.Where(c => c.TenantId == command.TenantId).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (committee is null)
        {
            return CommitteeChange.NotFound;
        }
        CommitteeMember? member = null;
        if (command.Id is { } id)
        {
            member = await db.CommitteeMembers.FirstOrDefaultAsync(m => m.Id == id && m.CommitteeId == committee.Id, cancellationToken);
            if (member is null)
            {
                return CommitteeChange.NotFound;
            }
        }
        if (command.AlternateForId is { } alternateFor
            && !await db.CommitteeMembers.AnyAsync(m => m.Id == alternateFor && m.CommitteeId == committee.Id && m.Active, cancellationToken))
        {
            return CommitteeChange.Refused(nameof(command.AlternateForId), "Choose an active member of this committee to stand in for.");
        }
        string? userId = null;
        if (!string.IsNullOrWhiteSpace(command.AccountEmail))
        {
            var normalized = command.AccountEmail.Trim().ToUpperInvariant();
            // Only accounts with a membership of this tenant: a committee seat never reaches into another tenant's people.
            userId = await db.Memberships.Where(m => m.TenantId == committee.TenantId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
                .Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return CommitteeChange.Refused(nameof(command.AccountEmail), "No account of this tenant has that e-mail: leave it empty, or give the tenant a member with it first.");
            }
            if (await db.CommitteeMembers.AnyAsync(m => m.CommitteeId == committee.Id && m.UserId == userId && m.Active && m.Id != (command.Id ?? 0), cancellationToken))
            {
                return CommitteeChange.Refused(nameof(command.AccountEmail), "That account already holds a seat on this committee.");
            }
        }
        if (member is null)
        {
            member = CommitteeMember.Appoint(committee, command.Name, command.Side, command.Title, userId);
            db.CommitteeMembers.Add(member);
            await db.SaveChangesAsync(cancellationToken);
        }
        member.Change(command.Name, command.Side, command.Title, command.Role, command.HasDecisionAuthority, command.CanLeadIncidents,
            command.AlternateForId, string.IsNullOrWhiteSpace(command.AccountEmail) ? null : command.AccountEmail.Trim());
        member.LinkAccount(userId);
        audit.Record(committee.TenantId, command.Id is null ? "committee.member-appointed" : "committee.member-changed", nameof(CommitteeMember), member.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommitteeChange.Done(member.Id);
    }
}
