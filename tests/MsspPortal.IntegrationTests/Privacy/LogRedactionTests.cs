using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace MsspPortal.IntegrationTests.Privacy;

// The portal's own log output: a value labelled personal data ([Personal], Infrastructure/Logging/PortalData) reaches
// Serilog's sinks as a keyed pseudonym, never as typed. The sink here is one more sink of the real logger.
public sealed class LogRedactionTests(LogCaptureFactory factory) : IClassFixture<LogCaptureFactory>
{
    private const string Address = "alice.person@example.com";

    [Fact]
    public async Task A_failed_sign_in_is_logged_with_a_pseudonym_of_the_address_never_the_address()
    {
        var client = factory.CreateBrowserlessClient();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = Address, ["Password"] = "wrong-" + attempt });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var events = factory.Sink.Events.ToList();
        // The event is there (so the scan below cannot pass on an empty log), its user name is redacted...
        var failures = events.Where(e => e.MessageTemplate.Text == "Sign-in failed for {UserName}: {Reason}").ToList();
        Assert.Equal(2, failures.Count);
        var names = failures.Select(e => ((ScalarValue)e.Properties["UserName"]).Value?.ToString() ?? "").ToList();
        Assert.All(names, name => Assert.True(name.Length >= 16 && !name.Contains('@', StringComparison.Ordinal), name));
        // ...to the same token both times (a keyed pseudonym: attempts on one account still group)...
        Assert.Single(names.Distinct());
        Assert.All(failures, e => Assert.Equal("unknown account", ((ScalarValue)e.Properties["Reason"]).Value));
        // ...and nothing in any event, rendered or as a property, holds the address or its local part.
        var leaks = events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(" ", e.Properties.Select(p => p.Value.ToString())) + " " + e.Exception)
            .Where(text => text.Contains("alice.person", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(leaks.Count == 0, "Logged unredacted:\n" + string.Join("\n", leaks));
    }
}

public sealed class LogCaptureFactory : PortalFactory
{
    public CapturingSink Sink { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() => [("Portal:SeedDemo", "false")];

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<ILogEventSink>(Sink);
}

public sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
