using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.IntegrationTests.Ingestion;
using MsspPortal.Web.Features.LogSources;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Reliability;

/// <summary>Small ingestion limits: five failed authentications per address, five requests per source, per minute.</summary>
public sealed class IngestKeyAbuseFactory : PortalFactory
{
    public const int Limit = 5;

    public RecordingDispatcher Dispatcher { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Ingestion:FailedAuthenticationsPerMinutePerAddress", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Ingestion:RequestsPerMinutePerKey", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<IBatchDispatcher>(_ => Dispatcher));
}

public sealed class IngestKeyAbuseTests(IngestKeyAbuseFactory factory) : IClassFixture<IngestKeyAbuseFactory>
{
    private const string Line = "<38>Nov 29 05:58:01 bastion-01 sshd[411]: Failed password for root from 203.0.113.7 port 50112 ssh2\n";

    [Fact]
    public async Task Random_keys_from_one_address_end_in_429_for_that_address_only()
    {
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3 * IngestKeyAbuseFactory.Limit; i++)
        {
            guesses.Add((await PostAsync("192.0.2.30", ApiKeyHasher.Create().Key)).StatusCode);
        }
        var other = await PostAsync("192.0.2.31", ApiKeyHasher.Create().Key);

        Assert.All(guesses.Take(IngestKeyAbuseFactory.Limit), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(guesses.Skip(IngestKeyAbuseFactory.Limit), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task Guesses_on_a_real_sources_prefix_never_throttle_its_valid_key()
    {
        var key = await KeyAsync();
        var prefix = ApiKeyHasher.PrefixOf(key);
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 4 * IngestKeyAbuseFactory.Limit; i++)
        {
            guesses.Add((await PostAsync("192.0.2.40", prefix + Guid.NewGuid().ToString("N"))).StatusCode);
        }

        var device = await PostAsync("192.0.2.41", key);

        Assert.Contains(HttpStatusCode.TooManyRequests, guesses);
        Assert.Equal(HttpStatusCode.Accepted, device.StatusCode);
    }

    [Fact]
    public async Task A_valid_key_is_limited_per_source_not_per_address()
    {
        var flooding = await KeyAsync();
        var quiet = await KeyAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= IngestKeyAbuseFactory.Limit; i++)
        {
            answers.Add((await PostAsync("192.0.2.50", flooding, $"{i}\n")).StatusCode);
        }

        var other = await PostAsync("192.0.2.50", quiet);

        Assert.All(answers.Take(IngestKeyAbuseFactory.Limit), s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string address, string key, string body = Line)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add(ClientAddressHeader.Name, address);
        return await factory.CreateClient().SendAsync(request);
    }

    private async Task<string> KeyAsync()
    {
        var tenant = await TestTenant.CreateAsync(factory, "key");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateLogSource
        {
            TenantId = tenant.Id,
            Name = "dev-" + Guid.NewGuid().ToString("N")[..8],
            Vendor = "OpenSSH",
            Product = "sshd",
            ExpectedFormat = LogFormat.Auto,
        });
        return created.ApiKey;
    }
}
