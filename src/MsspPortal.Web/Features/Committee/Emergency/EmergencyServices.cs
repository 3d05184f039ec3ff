using Hangfire;
using MsspPortal.Web.Infrastructure.Jobs;

namespace MsspPortal.Web.Features.Committee.Emergency;

public static class EmergencyServices
{
    public static IServiceCollection AddEmergency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddScoped<IPageSender, SmtpPageSender>();
        services.AddScoped<EmergencyDesk>();
        services.AddSingleton<IRecurringJobSchedule, EmergencyTickSchedule>();
        return services;
    }
}

// Every minute, in UTC: pages are repeated at +5 and escalated at +10 to the minute.
internal sealed class EmergencyTickSchedule : IRecurringJobSchedule
{
    public void Register(IRecurringJobManager manager) =>
        manager.AddOrUpdate<TickActivationsJob>(
            TickActivationsJob.RecurringJobId,
            job => job.EnqueueActiveAsync(CancellationToken.None),
            "* * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
