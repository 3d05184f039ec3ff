namespace MsspPortal.Web.Domain;

// A syslog sender no log source claims: counted and shown to admins, never silently accepted.
public sealed class UnknownSyslogSender
{
    public long Id { get; set; }

    public string Address { get; set; } = "";

    public long Datagrams { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public string? LastSample { get; set; }
}
