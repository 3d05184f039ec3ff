using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// On a feature branch the model may run ahead of the migration sets, which are regenerated once at merge time.
/// Then the tests build their database from the model (and the migration tests fail, as they should);
/// once the migrations catch up, this turns itself off and every test migrates again.
/// </summary>
public static class BranchSchema
{
    private static readonly Lazy<bool> Lag = new(() =>
    {
        using var db = new SqlitePortalDbContext(
            new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options, new TenantContext());
        return db.Database.HasPendingModelChanges();
    });

    public static bool MigrationsLag => Lag.Value;
}
