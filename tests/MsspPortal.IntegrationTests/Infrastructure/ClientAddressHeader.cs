using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The in-memory test server has no client address; a test names one with <see cref="Name"/> so limits per client
/// address can be exercised from several "addresses". Test hosts only: the portal itself never reads this header.
/// </summary>
public sealed class ClientAddressHeader : IStartupFilter
{
    public const string Name = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Name, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return following(context);
        });
        next(app);
    };
}
