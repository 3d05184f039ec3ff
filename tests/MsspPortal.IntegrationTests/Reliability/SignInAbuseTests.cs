using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Reliability;

/// <summary>A small sign-in limit per client address, and a password hasher that counts its work.</summary>
public sealed class SignInAbuseFactory : PortalFactory
{
    public const int AttemptsPerAddress = 8;

    public CountingHasher.Tally Verifications { get; } = new();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
    [
        ("Account:SignIn:AttemptsPerAddress", AttemptsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Account:SignIn:Window", "00:05:00"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<PortalUser>>(sp =>
            new CountingHasher(new PasswordHasher<PortalUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Verifications)));
}

/// <summary>The real hasher, counting password verifications: the work a sign-in does, without timing anything.</summary>
public sealed class CountingHasher(IPasswordHasher<PortalUser> inner, CountingHasher.Tally tally) : IPasswordHasher<PortalUser>
{
    public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        tally.Increment();
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public sealed class Tally
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}

public sealed partial class SignInAbuseTests(SignInAbuseFactory factory) : IClassFixture<SignInAbuseFactory>
{
    [Fact]
    public async Task Unknown_address_wrong_password_and_locked_account_get_the_same_answer()
    {
        var tenant = await TestTenant.CreateAsync(factory, "enum");
        var locked = tenant.UserEmails[PortalRole.Auditor];
        var client = Client("192.0.2.10");
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, locked, "Wrong-Passw0rd!");
        }
        client = Client("192.0.2.11");

        var unknown = await LoginAsync(client, $"nobody-{tenant.Marker}@example.test", "Wrong-Passw0rd!");
        var wrong = await LoginAsync(client, tenant.UserEmails[PortalRole.Analyst], "Wrong-Passw0rd!");
        var lockedOut = await LoginAsync(client, locked, TestTenant.Password);

        Assert.All(new[] { unknown, wrong, lockedOut }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(unknown.Message, wrong.Message);
        Assert.Equal(unknown.Message, lockedOut.Message);
        Assert.Contains("Email or password is wrong", unknown.Message, StringComparison.Ordinal);
        // The whole page too, but for the address typed and the anti-forgery token.
        Assert.Equal(unknown.Page, wrong.Page);
        Assert.Equal(unknown.Page, lockedOut.Page);
    }

    [Fact]
    public async Task An_unknown_address_and_a_locked_account_cost_a_password_check_like_a_real_one()
    {
        var tenant = await TestTenant.CreateAsync(factory, "work");
        var client = Client("192.0.2.20");
        var locked = tenant.UserEmails[PortalRole.Auditor];
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync(client, locked, "Wrong-Passw0rd!");
        }
        client = Client("192.0.2.21");

        var before = factory.Verifications.Count;
        await LoginAsync(client, $"nobody-{tenant.Marker}@example.test", "Wrong-Passw0rd!");
        var afterUnknown = factory.Verifications.Count;
        await LoginAsync(client, locked, "Wrong-Passw0rd!");
        var afterLocked = factory.Verifications.Count;

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterLocked - afterUnknown);
    }

    [Fact]
    public async Task Many_accounts_from_one_address_are_throttled_with_the_wait_and_the_email_kept_and_others_are_not()
    {
        var attacker = Client("198.51.100.66");
        var results = new List<SignInAnswer>();
        for (var i = 0; i <= SignInAbuseFactory.AttemptsPerAddress; i++)
        {
            results.Add(await LoginAsync(attacker, $"victim{i}@spray.example", "Summer2026!"));
        }
        var bystander = await LoginAsync(Client("198.51.100.67"), "victim0@spray.example", "Summer2026!");

        Assert.All(results.Take(SignInAbuseFactory.AttemptsPerAddress), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var refused = results[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Matches(@"Try again in \d+ s\.", refused.Message);
        Assert.Contains($"value=\"victim{SignInAbuseFactory.AttemptsPerAddress}@spray.example\"", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bystander.Status);
        Assert.Contains("Email or password is wrong", bystander.Message, StringComparison.Ordinal);
    }

    private HttpClient Client(string address)
    {
        var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader.Name, address);
        return client;
    }

    private static async Task<SignInAnswer> LoginAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
        var body = await response.Content.ReadAsStringAsync();
        var message = SummaryPattern().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "";
        var page = TokenPattern().Replace(body.Replace(WebUtility.HtmlEncode(email), "EMAIL", StringComparison.Ordinal), "TOKEN");
        return new SignInAnswer(response.StatusCode, message, body, page);
    }

    private sealed record SignInAnswer(HttpStatusCode Status, string Message, string Body, string Page);

    [GeneratedRegex("role=\"alert\">\\s*<ul>\\s*<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex SummaryPattern();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex TokenPattern();
}
