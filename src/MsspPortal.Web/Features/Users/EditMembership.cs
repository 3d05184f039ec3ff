using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Users;

public sealed record GetMembershipForEdit(long Id) : IQuery<EditMembership?>;

public sealed record EditMembership : ICommand<bool>
{
    public long Id { get; init; }

    public string User { get; init; } = "";

    public string Tenant { get; init; } = "";

    public PortalRole Role { get; init; }
}

public sealed class EditMembershipValidator : AbstractValidator<EditMembership>
{
    public EditMembershipValidator(PortalDbContext db)
    {
        RuleFor(m => m.Role).IsInEnum().NotEqual(PortalRole.PlatformAdmin).WithMessage("Platform admins need no membership.");
        RuleFor(m => m).MustAsync(async (m, ct) =>
                await db.Memberships.Where(x => x.Id == m.Id).Select(x => x.UserId).FirstOrDefaultAsync(ct) is not { } userId
                || await StaffAccounts.IsStaffAsync(db, userId, ct))
            .When(m => m.Role == PortalRole.Analyst)
            .OverridePropertyName(nameof(EditMembership.Role)).WithMessage(StaffAccounts.AnalystMessage);
    }
}

internal sealed class GetMembershipForEditHandler(PortalDbContext db) : IQueryHandler<GetMembershipForEdit, EditMembership?>
{
    public async ValueTask<EditMembership?> Handle(GetMembershipForEdit query, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking().Where(m => m.Id == query.Id)
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { m, t })
            .Join(db.Users, x => x.m.UserId, u => u.Id, (x, u) => new EditMembership { Id = x.m.Id, User = u.Email ?? "", Tenant = x.t.Name, Role = x.m.Role })
            .FirstOrDefaultAsync(cancellationToken);
}

internal sealed class EditMembershipHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<EditMembership, bool>
{
    public async ValueTask<bool> Handle(EditMembership command, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
        if (membership is null)
        {
            return false;
        }
        membership.Role = command.Role;
        audit.Record(membership.TenantId, "membership.changed", nameof(TenantMembership), membership.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

public sealed record GrantMembership : ICommand<bool>
{
    public string UserId { get; init; } = "";

    public Guid TenantId { get; init; }

    public PortalRole Role { get; init; } = PortalRole.Analyst;
}

public sealed class GrantMembershipValidator : AbstractValidator<GrantMembership>
{
    public GrantMembershipValidator(PortalDbContext db)
    {
        RuleFor(m => m.UserId).NotEmpty().MustAsync(async (id, ct) => await db.Users.AnyAsync(u => u.Id == id, ct)).WithMessage("Choose a user.");
        RuleFor(m => m.TenantId).MustAsync(async (id, ct) => await db.Tenants.AnyAsync(t => t.Id == id, ct)).WithMessage("Choose a tenant.");
        RuleFor(m => m.Role).IsInEnum().NotEqual(PortalRole.PlatformAdmin).WithMessage("Platform admins need no membership.");
        RuleFor(m => m).MustAsync(async (m, ct) => !await db.Memberships.AnyAsync(x => x.UserId == m.UserId && x.TenantId == m.TenantId, ct))
            .OverridePropertyName(nameof(GrantMembership.TenantId)).WithMessage("This user already belongs to this tenant.");
        RuleFor(m => m).MustAsync((m, ct) => StaffAccounts.IsStaffAsync(db, m.UserId, ct))
            .When(m => m.Role == PortalRole.Analyst)
            .OverridePropertyName(nameof(GrantMembership.Role)).WithMessage(StaffAccounts.AnalystMessage);
    }
}

internal sealed class GrantMembershipHandler(PortalDbContext db, TimeProvider clock, AuditLog audit) : ICommandHandler<GrantMembership, bool>
{
    public async ValueTask<bool> Handle(GrantMembership command, CancellationToken cancellationToken)
    {
        db.Memberships.Add(new TenantMembership { TenantId = command.TenantId, UserId = command.UserId, Role = command.Role, GrantedAt = clock.GetUtcNow() });
        audit.Record(command.TenantId, "membership.granted", nameof(PortalUser), command.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

public sealed record RevokeMembership(long Id) : ICommand<bool>;

internal sealed class RevokeMembershipHandler(PortalDbContext db, AuditLog audit) : ICommandHandler<RevokeMembership, bool>
{
    public async ValueTask<bool> Handle(RevokeMembership command, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
        if (membership is null)
        {
            return false;
        }
        db.Memberships.Remove(membership);
        audit.Record(membership.TenantId, "membership.revoked", nameof(TenantMembership), membership.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}

// Triage is MSSP work: only MSSP staff accounts may hold the Analyst role in a tenant.
internal static class StaffAccounts
{
    public const string AnalystMessage = "Only MSSP staff accounts (created as Analyst) can be analysts of a tenant.";

    public static async Task<bool> IsStaffAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => name == nameof(PortalRole.Analyst) || name == nameof(PortalRole.PlatformAdmin), cancellationToken);
}
