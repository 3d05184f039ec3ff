using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The real portal over a real SQLite file in a temporary data folder, migrated and seeded with the demo data
/// at start-up exactly as `dotnet run` does. One per test class (xUnit class fixture); tests add their own
/// tenants so they never depend on each other. A factory that asks for a <see cref="DemoTemplate"/> starts from a
/// copy of a database seeded once per test run instead (the start-up then finds tenants and seeds nothing).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mssp-tests", Guid.NewGuid().ToString("N"));

    public string DataDirectory => _dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Provider and paths come from configuration, as in production: no service surgery in tests.
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Portal:DataDirectory", _dataDirectory);
        builder.UseSetting("Portal:SeedDemo", "true");
        // The full six-month demo goes through ingestion and takes far too long to seed for every test class.
        builder.UseSetting("Demo:Days", DemoDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Role", "Web");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test signs in from the same (absent) client address; the classes that test the limit set their own.
        builder.UseSetting("Account:SignIn:AttemptsPerAddress", "100000");
        builder.UseSetting("Ingestion:FailedAuthenticationsPerMinutePerAddress", "100000");
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressHeader>();
            ConfigureTestServices(services);
        });
    }

    /// <summary>Days of demo logs seeded at start-up; 0 for the whole six months.</summary>
    protected virtual int DemoDays => 3;

    /// <summary>Start from a copy of the demo database seeded once per test run for <see cref="DemoDays"/>.</summary>
    protected virtual bool DemoTemplate => false;

    /// <summary>Keeps the data folder at disposal (the template's own factory).</summary>
    protected virtual bool KeepDataDirectory => false;

    public async Task InitializeAsync()
    {
        if (DemoTemplate)
        {
            await DemoDatabaseTemplate.CopyToAsync(DemoDays, _dataDirectory);
        }
    }

    // WebApplicationFactory's own DisposeAsync (a ValueTask) ends the host; xUnit then calls Dispose.
    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Settings a derived factory needs (small limits, say), on top of the defaults above.</summary>
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    /// <summary>Replacements of truly external or time-based services for a derived factory.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <summary>A scope that sees every tenant, for arranging and checking data behind the HTTP surface.</summary>
    public AsyncServiceScope PlatformScope(out PortalDbContext db)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return scope;
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepDataDirectory && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
