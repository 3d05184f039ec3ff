using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Triage;

/// <summary>The portal on a clock the test moves, and a way to send messages as a given person, as a request would.</summary>
public sealed class TriageFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));

    /// <summary>Sends a message with the person's tenant scope and roles filled as TenantScopeMiddleware fills them.</summary>
    public async Task<TResponse> SendAsAsync<TResponse>(string email, ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var grants = await db.Memberships.IgnoreQueryFilters([PortalDbContext.TenantFilter])
            .Where(m => m.UserId == userId).Select(m => new TenantGrant(m.TenantId, m.Role)).ToListAsync();
        services.GetRequiredService<ITenantContext>().SetScope([.. grants.Select(g => g.TenantId).Distinct()], seesAll: false);
        services.GetRequiredService<ITenantAccess>().Fill(false, grants);
        var accessor = services.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")),
            RequestServices = services,
        };
        try
        {
            return await services.GetRequiredService<ISender>().Send(command);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    public async Task<string> UserIdAsync(string email)
    {
        await using var scope = PlatformScope(out var db);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public async Task<long> RaiseAsync(Guid tenantId, AlertSeverity severity, SlaTerms? sla = null, string? sourceIp = null, string title = "triage-test")
    {
        await using var scope = PlatformScope(out var db);
        var alert = Alert.Raise(tenantId, "rule-triage", title, severity, 50, Clock.GetUtcNow(), new AlertFacts { Sla = sla, SourceIp = sourceIp });
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }
}
