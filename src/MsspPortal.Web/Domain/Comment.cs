namespace MsspPortal.Web.Domain;

// An analyst's or customer's note on one alert or one incident; never edited once written.
public sealed class Comment : ITenantOwned
{
    public const int MaxBodyLength = 8000;

    private Comment()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long? AlertId { get; private set; }

    public long? IncidentId { get; private set; }

    public string AuthorId { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    // User text: rendered encoded only.
    public string Body { get; private set; } = "";

    public static Comment OnAlert(Alert alert, string authorId, string body, DateTimeOffset at) =>
        Write(alert.TenantId, alert.Id, null, authorId, body, at);

    public static Comment OnIncident(Incident incident, string authorId, string body, DateTimeOffset at) =>
        Write(incident.TenantId, null, incident.Id, authorId, body, at);

    private static Comment Write(Guid tenantId, long? alertId, long? incidentId, string authorId, string body, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        if (body.Length > MaxBodyLength)
        {
            throw new ArgumentException($"A comment holds at most {MaxBodyLength} characters.", nameof(body));
        }
        if ((alertId ?? 0) == 0 && (incidentId ?? 0) == 0)
        {
            throw new InvalidOperationException("A comment belongs to a saved alert or incident.");
        }
        return new Comment { TenantId = tenantId, AlertId = alertId, IncidentId = incidentId, AuthorId = authorId, Body = body, At = at };
    }
}
