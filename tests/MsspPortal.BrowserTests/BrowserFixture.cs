using Microsoft.Playwright;
using MsspPortal.IntegrationTests.Infrastructure;

namespace MsspPortal.BrowserTests;

/// <summary>
/// The real portal on Kestrel (a free loopback port) and Debian's Chromium driven by Playwright. No browser is
/// ever downloaded: the executable is /usr/bin/chromium unless MSSP_CHROMIUM names another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "MSSP_CHROMIUM";

    private IPlaywright? _playwright;

    public PortalFactory Portal { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set {ChromiumVariable} to its path.");
        }
        Portal.UseKestrel(0);
        Portal.StartServer();
        BaseUrl = Portal.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(ScreenshotDirectory);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string email, string password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        // The first sign-in of a run pays for the portal's cold start (JIT, password hashing, the demo's first
        // queries); on a busy 2-core CI machine that once took over Playwright's default 30 s.
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        page.SetDefaultTimeout(30_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
