using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Tenancy;

/// <summary>ExecuteUpdate and ExecuteDelete skip SaveChanges and with it the write guard; these pin what covers them.</summary>
public sealed class TenantBulkWriteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_bulk_update_or_delete_touches_only_rows_of_the_current_tenant()
    {
        var mine = await TestTenant.CreateAsync(factory, "bm");
        var theirs = await TestTenant.CreateAsync(factory, "bt");

        await using (var scope = TenantScope(mine.Id, out var db))
        {
            // No Where at all: the model's tenant filter is what narrows these statements.
            await db.Assets.ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "renamed"));
            await db.QuarantinedLines.ExecuteDeleteAsync();
        }

        await using var check = factory.PlatformScope(out var platform);
        Assert.Equal("renamed", (await platform.Assets.SingleAsync(a => a.TenantId == mine.Id)).Name);
        Assert.Equal($"asset-{theirs.Marker}", (await platform.Assets.SingleAsync(a => a.TenantId == theirs.Id)).Name);
        Assert.Equal(0, await platform.QuarantinedLines.CountAsync(q => q.TenantId == mine.Id));
        Assert.Equal(1, await platform.QuarantinedLines.CountAsync(q => q.TenantId == theirs.Id));
    }

    [Fact]
    public async Task A_bulk_write_that_ignores_the_tenant_filter_or_moves_rows_is_refused_and_changes_nothing()
    {
        var mine = await TestTenant.CreateAsync(factory, "bi");
        var theirs = await TestTenant.CreateAsync(factory, "bx");

        await using (var scope = TenantScope(mine.Id, out var db))
        {
            await Assert.ThrowsAsync<TenantBulkWriteException>(() =>
                db.Assets.IgnoreQueryFilters([PortalDbContext.TenantFilter]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Name, "hijacked")));
            await Assert.ThrowsAsync<TenantBulkWriteException>(() =>
                db.QuarantinedLines.IgnoreQueryFilters().Where(q => q.TenantId == theirs.Id).ExecuteDeleteAsync());
            await Assert.ThrowsAsync<TenantBulkWriteException>(() =>
                db.Assets.ExecuteUpdateAsync(s => s.SetProperty(a => a.TenantId, theirs.Id)));
            await Assert.ThrowsAsync<TenantBulkWriteException>(() =>
                db.Tenants.ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, "hijacked")));
        }

        await using var check = factory.PlatformScope(out var platform);
        Assert.Equal($"asset-{theirs.Marker}", (await platform.Assets.SingleAsync(a => a.TenantId == theirs.Id)).Name);
        Assert.Equal($"asset-{mine.Marker}", (await platform.Assets.SingleAsync(a => a.TenantId == mine.Id)).Name);
        Assert.Equal(1, await platform.QuarantinedLines.CountAsync(q => q.TenantId == theirs.Id));
        Assert.Equal($"Tenant {theirs.Marker}", (await platform.Tenants.SingleAsync(t => t.Id == theirs.Id)).Name);
    }

    private AsyncServiceScope TenantScope(Guid tenantId, out PortalDbContext db)
    {
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return scope;
    }
}
