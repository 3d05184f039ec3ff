using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Data;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Host;

// Brings the database to the current schema and creates the fixed roles; optionally seeds demo data.
public sealed class DatabaseInitializer(
    PortalDbContext db,
    RoleManager<IdentityRole> roles,
    DemoSeeder demo,
    IOptions<DatabaseOptions> database,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (pages) run while ingestion writes, and a commit is durable once it returns.
            await db.Database.ExecuteSqlAsync($"PRAGMA journal_mode=WAL;", cancellationToken);
        }
        foreach (var role in Enum.GetNames<PortalRole>())
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    // Runs at start-up: migrates when configured, seeds demo data when asked and the database is empty.
    public async Task<DemoSeedResult?> InitializeAsync(bool seedDemo, bool includeDemoUsers, CancellationToken cancellationToken)
    {
        if (database.Value.MigrateOnStartup)
        {
            await MigrateAsync(cancellationToken);
        }
        if (!seedDemo)
        {
            return null;
        }
        if (await demo.HasAnyTenantAsync(cancellationToken))
        {
            logger.LogInformation("Demo data not seeded: the database already has tenants");
            return null;
        }
        return await demo.SeedAsync(includeDemoUsers, progress: null, cancellationToken);
    }
}
