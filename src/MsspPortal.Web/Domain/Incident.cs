namespace MsspPortal.Web.Domain;

/// <summary>Alerts grouped for one investigation, with the business impact that the value report counts.</summary>
public sealed class Incident : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string Title { get; set; } = "";

    public AlertSeverity Severity { get; set; }

    public IncidentStatus Status { get; set; } = IncidentStatus.Open;

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? BusinessImpact { get; set; }

    /// <summary>Loss avoided or suffered, in the tenant's currency, as agreed with the business owner.</summary>
    public decimal? EstimatedLoss { get; set; }

    public int? DowntimeMinutes { get; set; }
}

public enum IncidentStatus
{
    Open,
    Contained,
    Closed,
}

public sealed class Comment : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long? AlertId { get; set; }

    public long? IncidentId { get; set; }

    public string AuthorId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>User text: rendered encoded only.</summary>
    public string Body { get; set; } = "";
}
