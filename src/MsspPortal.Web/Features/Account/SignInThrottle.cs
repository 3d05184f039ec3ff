using System.Net;
using System.Threading.RateLimiting;

namespace MsspPortal.Web.Features.Account;

// Settings under "Account:SignIn".
public sealed class SignInLimitOptions
{
    public const string Section = "Account:SignIn";

    // Sign-in attempts one client address may make per Window, whatever accounts they name.
    public int AttemptsPerAddress { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

// Sign-in attempts per client address, on top of the per-account lockout: the lockout stops guessing one password,
// this stops one address trying one password over many accounts. The same fixed-window limiter that ASP.NET Core's
// rate-limiting middleware uses, consulted by the action so the page can answer with the form and the wait.
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(Microsoft.Extensions.Options.IOptions<SignInLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, settings.AttemptsPerAddress),
            Window = settings.Window,
            QueueLimit = 0,
        }));
    }

    // Counts one attempt; null when allowed, else how long the address must wait.
    public TimeSpan? TryAttempt(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(address?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
