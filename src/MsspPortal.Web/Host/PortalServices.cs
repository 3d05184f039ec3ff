using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Bulk;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Configuration;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Infrastructure.Validation;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Host;

public static class PortalServices
{
    // Everything the portal's handlers need, without a web server: the web host and the `mssp` CLI both call this,
    // so a command behaves the same from a page, a job or a terminal.
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration)
    {
        var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ITenantContext, TenantContext>();
        services.AddScoped<ITenantAccess, TenantAccess>();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<TenantWriteGuard>();
        services.AddScoped<AuditLog>();
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DatabaseInitializer>();
        services.AddPipeline(configuration);

        services.AddPortalDatabase(portal, database, configuration);
        // Shared keys: cookies and anti-forgery tokens survive restarts and work across web nodes that share
        // the data folder (a volume in docker-compose).
        services.AddDataProtection()
            .SetApplicationName("MsspPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(portal.DataPath, "keys")));

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();

        services.AddMediator(options =>
        {
            // Handlers take the scoped DbContext; the generator's default lifetime is Singleton.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<PortalOptions>(ServiceLifetime.Scoped, includeInternalTypes: true);

        services.AddPortalFeatures(configuration);
        services.AddPortalJobs(portal, database, configuration);
        return services;
    }

    private static void AddPortalDatabase(this IServiceCollection services, PortalOptions portal, DatabaseOptions database, IConfiguration configuration)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteLibrary.Configure();
                var sqlite = SqliteConnectionString(portal, configuration, database.BusyTimeout);
                var pragmas = new SqlitePragmas(database.BusyTimeout);
                services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, options) => options
                    .UseSqlite(sqlite, o =>
                    {
                        o.MigrationsHistoryTable("__EFMigrationsHistory");
                        if (database.RetryOnFailure)
                        {
                            o.ExecutionStrategy(d => new SqliteRetryingExecutionStrategy(d));
                        }
                    })
                    .AddInterceptors(sp.GetRequiredService<TenantWriteGuard>(), TenantBulkWriteGuard.Instance, pragmas));
                // Started where jobs run (PortalWeb) and by the CLI's bulk commands.
                services.AddSingleton(sp => new SqliteCheckpointer(sqlite, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteCheckpointer>>()));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = configuration.GetConnectionString("Portal")
                    ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is not set.");
                services.AddDbContext<PortalDbContext, SqlServerPortalDbContext>((sp, options) => options
                    // Retries transient faults; every transaction therefore runs inside CreateExecutionStrategy().ExecuteAsync.
                    .UseSqlServer(sqlServer, o => o.EnableRetryOnFailure())
                    .AddInterceptors(sp.GetRequiredService<TenantWriteGuard>(), TenantBulkWriteGuard.Instance));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{database.Provider}'.");
        }
    }

    // The embedded database lives in the data folder unless a connection string says otherwise.
    public static string SqliteConnectionString(PortalOptions portal, IConfiguration configuration, TimeSpan busyTimeout)
    {
        if (configuration.GetConnectionString("Portal") is { Length: > 0 } configured)
        {
            return configured;
        }
        Directory.CreateDirectory(portal.DataPath);
        // Microsoft.Data.Sqlite retries a busy statement itself until its command timeout: the same bound as the pragma.
        var seconds = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds));
        return $"Data Source={Path.Combine(portal.DataPath, "portal.db")};Default Timeout={seconds};Pooling=True";
    }
}
