using System.Security.Claims;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Infrastructure.Validation;

namespace MsspPortal.Web.Demo;

// One demo person acting outside any request, as the browser would make them act: each step runs in its own scope
// with their tenants and per-tenant roles filled from their memberships (as TenantScopeMiddleware fills them),
// signed in as them (HttpCurrentUser, and so the notification handlers, read the request's user), through the
// validation the mediator's pipeline runs, by the use case's own handler. The handler is built here rather than
// resolved by the mediator for one reason: the step's time is the demo clock's, and the container's TimeProvider
// is the process's single system clock. What the handler publishes still goes through the mediator.
internal sealed class DemoActor
{
    private readonly IServiceProvider _services;
    private readonly bool _isPlatformAdmin;
    private readonly IReadOnlyList<TenantGrant> _grants;

    private DemoActor(IServiceProvider services, string userId, bool isPlatformAdmin, IReadOnlyList<TenantGrant> grants) =>
        (_services, UserId, _isPlatformAdmin, _grants) = (services, userId, isPlatformAdmin, grants);

    public string UserId { get; }

    // Null when the person does not exist (demo users are never created in Production).
    public static async Task<DemoActor?> ForAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var normalized = email.ToUpperInvariant();
        if (await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) is not { } userId)
        {
            return null;
        }
        var isAdmin = await db.UserRoles.AnyAsync(ur => ur.UserId == userId
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == nameof(PortalRole.PlatformAdmin)), cancellationToken);
        var grants = await db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == userId && m.Role != PortalRole.PlatformAdmin)
            .Select(m => new TenantGrant(m.TenantId, m.Role)).ToListAsync(cancellationToken);
        return new DemoActor(services, userId, isAdmin, grants);
    }

    public async Task<TResponse> SendAsync<TMessage, TResponse, THandler>(TMessage message, DateTimeOffset at, CancellationToken cancellationToken)
        where TMessage : class, ICommand<TResponse>
        where THandler : class, ICommandHandler<TMessage, TResponse>
    {
        await using var scope = _services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var tenants = _isPlatformAdmin
            ? await provider.GetRequiredService<PortalDbContext>().Tenants.IgnoreQueryFilters([PortalDbContext.TenantFilter]).Select(t => t.Id).ToListAsync(cancellationToken)
            : [.. _grants.Select(g => g.TenantId).Distinct()];
        provider.GetRequiredService<ITenantContext>().SetScope(tenants, seesAll: _isPlatformAdmin);
        provider.GetRequiredService<ITenantAccess>().Fill(_isPlatformAdmin, _grants);
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        var outside = accessor.HttpContext;
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, UserId)], "demo")),
            RequestServices = provider,
        };
        try
        {
            var clock = new DemoClock(at);
            var audit = new AuditLog(provider.GetRequiredService<PortalDbContext>(), provider.GetRequiredService<ICurrentUser>(), clock);
            // Only the demo clock and audit log the handler takes: ActivatorUtilities refuses arguments no constructor uses.
            var takes = typeof(THandler).GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).ToList();
            object[] given = [.. new object[] { clock, audit }.Where(a => takes.Any(t => t.IsInstanceOfType(a)))];
            var handler = ActivatorUtilities.CreateInstance<THandler>(provider, given);
            var validation = new ValidationBehavior<TMessage, TResponse>(provider.GetServices<IValidator<TMessage>>());
            return await validation.Handle(message, (m, c) => handler.Handle(m, c), cancellationToken);
        }
        finally
        {
            accessor.HttpContext = outside;
        }
    }
}
