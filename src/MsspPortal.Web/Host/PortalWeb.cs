using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Data;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Configuration;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Logging;
using MsspPortal.Web.Infrastructure.Validation;
using MsspPortal.Web.Pipeline;
using Serilog;

namespace MsspPortal.Web.Host;

// The web host around AddPortal: pages, sign-in, health, jobs server.
public static class PortalWeb
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        builder.Services.AddPortal(builder.Configuration);
        builder.Services.AddPortalLogging(builder.Configuration, portal);

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // Sign-in needs the authentication services, which only the web host has (the CLI does not sign in).
        new IdentityBuilder(typeof(Domain.PortalUser), typeof(IdentityRole), builder.Services).AddSignInManager();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "mssp-auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.Events.OnRedirectToLogin = ApiAware(options.Events.OnRedirectToLogin, StatusCodes.Status401Unauthorized);
            // A denied page answers 403 where it was asked for; the status page below says why.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CapabilityHandler>();
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "mssp-xsrf");

        builder.Services.AddControllersWithViews(options =>
        {
            // Everything requires sign-in unless a controller says [AllowAnonymous].
            options.Filters.Add(new AuthorizeFilter());
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            options.Filters.Add<ValidateArgumentsFilter>();
            // FluentValidation owns the messages; MVC's implicit [Required] would show its own text first.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        });
        builder.Services.Configure<RazorViewEngineOptions>(options =>
        {
            // Feature folders: a screen's controller, use cases and views sit together.
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
            options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        });

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<HangfireStorageHealthCheck>("jobs", tags: ["ready"])
            .AddCheck<SyslogHealthCheck>("syslog", tags: ["ready"]);
        builder.Services.AddPortalJobServer(portal);
        if (portal.Role != PortalRoleKind.Web && builder.Services.Any(d => d.ServiceType == typeof(Data.SqliteCheckpointer)))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Data.SqliteCheckpointer>());
        }
        builder.Services.AddSyslogListener(builder.Configuration, portal.Role);
        builder.Services.AddIngestionRateLimits();
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Pages get a page for 403 and 404 (saying why); the API and health checks keep bare status codes.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health"),
            branch => branch.UseStatusCodePagesWithReExecute("/Home/Status", "?code={0}"));
        app.UseStaticFiles();
        var requestLogger = app.Services.GetRequiredService<Serilog.ILogger>();
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = requestLogger;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("UserId", http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
                diagnostics.Set("TenantId", http.Items[PortalClaims.SelectedTenantItem]?.ToString() ?? "scope");
            };
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();

        if (portal.Role != PortalRoleKind.Worker)
        {
            app.MapHangfireDashboard("/jobs", new DashboardOptions
            {
                Authorization = [new DashboardAccess()],
                DashboardTitle = "MsspPortal jobs",
                AppPath = "/",
            }).RequireAuthorization(Policies.PlatformAdmin);
            app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        }
        return app;
    }

    // The overall status, then one line per check with its description (never an exception's detail).
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}{(e.Value.Description is { } d ? " - " + d : "")}");
        return http.Response.WriteAsync(report.Status + "\n" + string.Join("\n", lines) + "\n");
    }

    // Migrates, seeds demo data when asked, and prints where to go and how to sign in.
    public static async Task InitializePortalAsync(this WebApplication app, bool seedDemoFlag, CancellationToken cancellationToken)
    {
        var portal = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        await using var scope = app.Services.CreateAsyncScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var seed = seedDemoFlag || portal.SeedDemo || app.Environment.IsDevelopment();
        var includeUsers = !app.Environment.IsProduction();
        var result = await initializer.InitializeAsync(seed, includeUsers, cancellationToken);
        if (portal.Role != PortalRoleKind.Web)
        {
            RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetServices<IRecurringJobSchedule>());
        }
        if (result is not null)
        {
            DemoBanner.Print(Console.Out, result);
        }
        else if (seed && includeUsers && await scope.ServiceProvider.GetRequiredService<DemoSeeder>().HasDemoUsersAsync())
        {
            DemoBanner.PrintExisting(Console.Out);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.Out.WriteLine($"MsspPortal is running at {address} (role {portal.Role}, data in {portal.DataPath})");
            }
        });
    }

    // Scripts and API clients get a status code; browsers get the sign-in page.
    private static Func<RedirectContext<CookieAuthenticationOptions>, Task> ApiAware(
        Func<RedirectContext<CookieAuthenticationOptions>, Task> browser, int status) => context =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        return browser(context);
    };
}
