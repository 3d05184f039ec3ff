namespace MsspPortal.Web.Infrastructure.Configuration;

// Settings under "Portal".
public sealed class PortalOptions
{
    public const string Section = "Portal";

    // All (pages and jobs), Web (pages only) or Worker (jobs and listeners only).
    public PortalRoleKind Role { get; set; } = PortalRoleKind.All;

    // Where the embedded database, Hangfire's store and log files live; relative to the working directory.
    public string DataDirectory { get; set; } = "data";

    // Seed demo data into an empty database outside Development too (never demo users in Production).
    public bool SeedDemo { get; set; }

    public string DataPath => Path.GetFullPath(DataDirectory);
}

public enum PortalRoleKind
{
    All,
    Web,
    Worker,
}

// Settings under "Database".
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; }

    // SQLite only: run units of work under a retrying execution strategy (SQL Server always does). Every
    // transaction then has to be one retriable unit, as on SQL Server.
    public bool RetryOnFailure { get; set; }

    // How long a SQLite write waits for the lock before it fails "busy" (tests shorten it to make contention
    // quick).
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
