namespace MsspPortal.Web.Features.Account;

public static class AccountFeature
{
    public static IServiceCollection AddAccount(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInLimitOptions>(configuration.GetSection(SignInLimitOptions.Section));
        // One throttle per process: it counts failures across requests.
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}
