using Hangfire;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

using MsspPortal.Web.Infrastructure.Configuration;

namespace MsspPortal.Web.Infrastructure.Jobs;

internal static class JobsServices
{
    // Hangfire's client and storage, on the same provider as the portal's database.
    public static void AddPortalJobs(this IServiceCollection services, PortalOptions portal, DatabaseOptions database, IConfiguration configuration)
    {
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(configuration.GetConnectionString("Portal"), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
            }
            else
            {
                // A file of its own: Hangfire's polling must not contend with event inserts for the portal's lock.
                Directory.CreateDirectory(portal.DataPath);
                config.UseSQLiteStorage(Path.Combine(portal.DataPath, "hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(2),
                });
            }
        });
    }

    // The Hangfire server runs in the Worker and All roles only, so web nodes scale separately.
    public static void AddPortalJobServer(this IServiceCollection services, PortalOptions portal)
    {
        if (portal.Role == PortalRoleKind.Web)
        {
            return;
        }
        services.AddHangfireServer(options =>
        {
            options.ServerName = $"{Environment.MachineName}:{portal.Role}".ToLowerInvariant();
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            options.Queues = ["default"];
        });
    }
}
