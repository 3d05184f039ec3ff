using System.Net;
using System.Text.RegularExpressions;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>Signs in through the real login form and posts forms with their anti-forgery token, as a browser does.</summary>
public static partial class PortalClient
{
    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string email, string password)
    {
        var client = factory.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/Account/Login", "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string formPage)
    {
        var html = await client.GetStringAsync(formPage);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No anti-forgery token on {formPage}");
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
