using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace MsspPortal.Web.Features.Committee.Emergency;

// Where pages go by e-mail: configuration section "Smtp". Without a host nothing is sent and the portal says
// "portal only": the page in the portal is the page of record either way.
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? From { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool EnableSsl { get; set; } = true;

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

public sealed record PageMail(string To, string Subject, string Body);

/// <summary>The e-mail path of a committee page: an external system, replaced by a fake in the tests.</summary>
public interface IPageSender
{
    /// <summary>False when no SMTP server is configured: pages stay in the portal.</summary>
    bool Enabled { get; }

    Task SendAsync(PageMail mail, CancellationToken cancellationToken);
}

internal sealed class SmtpPageSender(IOptions<SmtpOptions> options) : IPageSender
{
    public bool Enabled => options.Value.Configured;

    public async Task SendAsync(PageMail mail, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        using var client = new SmtpClient(smtp.Host!, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }
        using var message = new MailMessage(smtp.From!, mail.To, mail.Subject, mail.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}
