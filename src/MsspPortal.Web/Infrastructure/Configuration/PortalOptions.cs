namespace MsspPortal.Web.Infrastructure.Configuration;

/// <summary>Settings under "Portal".</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>All (pages and jobs), Web (pages only) or Worker (jobs and listeners only).</summary>
    public PortalRoleKind Role { get; set; } = PortalRoleKind.All;

    /// <summary>Where the embedded database, Hangfire's store and log files live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed demo data into an empty database outside Development too (never demo users in Production).</summary>
    public bool SeedDemo { get; set; }

    public string DataPath => Path.GetFullPath(DataDirectory);
}

public enum PortalRoleKind
{
    All,
    Web,
    Worker,
}

/// <summary>Settings under "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public bool MigrateOnStartup { get; set; }

    /// <summary>
    /// SQLite only: run units of work under a retrying execution strategy (SQL Server always does). Every transaction
    /// then has to be one retriable unit, as on SQL Server.
    /// </summary>
    public bool RetryOnFailure { get; set; }

    /// <summary>How long a SQLite write waits for the lock before it fails "busy" (tests shorten it to make contention quick).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
