using System.Collections.Concurrent;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The demo database seeded once per test run and window length, then copied for every factory that asks for it:
/// the six-month demo goes through the whole pipeline and costs about a minute, too much for each test class.
/// The template is seeded by the portal's own start-up, as `dotnet run` on an empty database does.
/// </summary>
public static class DemoDatabaseTemplate
{
    private const string DatabaseFile = "portal.db";

    private static readonly ConcurrentDictionary<int, Lazy<Task<string>>> Templates = new();

    public static async Task CopyToAsync(int days, string dataDirectory)
    {
        var template = await Templates.GetOrAdd(days, d => new Lazy<Task<string>>(() => SeedAsync(d))).Value;
        Directory.CreateDirectory(dataDirectory);
        File.Copy(Path.Combine(template, DatabaseFile), Path.Combine(dataDirectory, DatabaseFile));
    }

    private static async Task<string> SeedAsync(int days)
    {
        var factory = new SeedingFactory(days);
        await using (factory)
        {
            _ = factory.Services; // starts the host: migrate, then seed the demo
        }
        // The host is gone and its connections closed (the last one checkpoints the WAL into the file).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (File.Exists(Path.Combine(factory.DataDirectory, DatabaseFile + "-wal")))
        {
            throw new InvalidOperationException($"The demo template in {factory.DataDirectory} still has a write-ahead log after its host stopped.");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(factory.DataDirectory, recursive: true);
        return factory.DataDirectory;
    }

    private sealed class SeedingFactory(int days) : PortalFactory
    {
        protected override int DemoDays => days;

        protected override bool KeepDataDirectory => true;
    }
}
