using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Tenancy;

public sealed class TenantFilterTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_tenant_owned_entity_has_the_tenant_query_filter()
    {
        await using var scope = factory.PlatformScope(out var db);
        var entityTypes = db.Model.GetEntityTypes().ToList();
        var withTenantId = entityTypes.Where(t => t.FindProperty("TenantId") is not null).ToList();

        Assert.NotEmpty(withTenantId);
        foreach (var type in withTenantId)
        {
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(type.ClrType), $"{type.ClrType.Name} has a TenantId but is not ITenantOwned");
            Assert.Contains(type.GetDeclaredQueryFilters(), f => f.Key == PortalDbContext.TenantFilter);
        }
        Assert.Contains(db.Model.FindEntityType(typeof(Tenant))!.GetDeclaredQueryFilters(), f => f.Key == PortalDbContext.TenantFilter);
    }

    [Fact]
    public async Task A_scope_with_no_tenant_set_sees_nothing()
    {
        await TestTenant.CreateAsync(factory, "n");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Equal(0, await db.Alerts.CountAsync());
        Assert.Equal(0, await db.Tenants.CountAsync());
        Assert.Equal(0, await db.SecurityEvents.CountAsync());
    }

    [Fact]
    public async Task A_scope_of_tenant_A_sees_only_tenant_A_rows()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(a.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        var alertTenants = await db.Alerts.Select(x => x.TenantId).Distinct().ToListAsync();
        Assert.Equal([a.Id], alertTenants);
        Assert.Null(await db.Assets.FirstOrDefaultAsync(x => x.Id == (long)b.RowIds[typeof(Asset)]));
    }

    [Fact]
    public async Task Writing_a_row_of_another_tenant_is_rejected()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(a.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        db.Assets.Add(new Asset { TenantId = b.Id, Name = "smuggled", Identifiers = "10.0.0.1" });
        await Assert.ThrowsAsync<TenantAccessViolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Moving_a_row_to_another_tenant_is_rejected()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<ITenantContext>();
        tenant.SetScope([a.Id, b.Id], seesAll: false);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var asset = await db.Assets.FirstAsync(x => x.Id == (long)a.RowIds[typeof(Asset)]);
        tenant.Use(a.Id);

        db.Entry(asset).Property(x => x.TenantId).CurrentValue = b.Id;
        await Assert.ThrowsAsync<TenantAccessViolationException>(() => db.SaveChangesAsync());
    }
}
