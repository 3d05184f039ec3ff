using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;

namespace MsspPortal.Web.Features.Users;

public sealed record CreateUser : ICommand<CreateUserResult>
{
    public string Email { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public PortalRole Role { get; init; } = PortalRole.Analyst;

    public string Password { get; init; } = "";

    public List<Guid> TenantIds { get; init; } = [];
}

public sealed record CreateUserResult(string? UserId, IReadOnlyList<string> Errors);

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.Password).NotEmpty().MinimumLength(12).WithMessage("Use at least 12 characters, with upper and lower case, a digit and a symbol.");
        RuleFor(c => c.TenantIds).Must(ids => ids.Count == 1)
            .When(c => c.Role is PortalRole.BusinessOwner)
            .WithMessage("A business owner belongs to exactly one tenant.");
        RuleFor(c => c.TenantIds).Must(ids => ids.Count == 0)
            .When(c => c.Role is PortalRole.PlatformAdmin)
            .WithMessage("A platform admin sees every tenant: assign none.");
    }
}

internal sealed class CreateUserHandler(UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<CreateUser, CreateUserResult>
{
    public async ValueTask<CreateUserResult> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var user = new PortalUser { UserName = command.Email, Email = command.Email, EmailConfirmed = true, DisplayName = command.DisplayName.Trim() };
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded)
        {
            // Identity's password policy and uniqueness checks speak for themselves.
            return new CreateUserResult(null, created.Errors.Select(e => e.Description).ToList());
        }
        await users.AddToRoleAsync(user, command.Role.ToString());
        foreach (var tenantId in command.TenantIds.Distinct())
        {
            db.Memberships.Add(new TenantMembership { TenantId = tenantId, UserId = user.Id, Role = command.Role, GrantedAt = clock.GetUtcNow() });
            audit.Record(tenantId, "membership.granted", nameof(PortalUser), user.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CreateUserResult(user.Id, []);
    }
}
