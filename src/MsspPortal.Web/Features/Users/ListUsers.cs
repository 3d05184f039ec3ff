using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Users;

public sealed record ListUsers : IQuery<IReadOnlyList<UserRow>>;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, IReadOnlyList<MembershipRow> Memberships);

public sealed record MembershipRow(long Id, string Tenant, PortalRole Role);

internal sealed class ListUsersHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListUsers, IReadOnlyList<UserRow>>
{
    public async ValueTask<IReadOnlyList<UserRow>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking()
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => new { m.UserId, Row = new MembershipRow(m.Id, t.Name, m.Role) })
            .ToListAsync(cancellationToken);
        return users.Select(u => new UserRow(
                u.Id, u.Email ?? "", u.DisplayName,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").ToList(),
                u.LockoutEnd > now,
                memberships.Where(m => m.UserId == u.Id).Select(m => m.Row).OrderBy(m => m.Tenant).ToList()))
            .ToList();
    }
}

public sealed record ListUserChoices : IQuery<IReadOnlyList<UserChoice>>;

public sealed record UserChoice(string Id, string Email);

internal sealed class ListUserChoicesHandler(PortalDbContext db) : IQueryHandler<ListUserChoices, IReadOnlyList<UserChoice>>
{
    public async ValueTask<IReadOnlyList<UserChoice>> Handle(ListUserChoices query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new UserChoice(u.Id, u.Email ?? "")).ToListAsync(cancellationToken);
}
