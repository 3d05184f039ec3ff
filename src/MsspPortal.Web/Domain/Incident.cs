namespace MsspPortal.Web.Domain;

// Alerts grouped for one investigation, with the business impact that the value report counts. Its status moves
// Open → Contained → Closed (Open → Closed when containment was immediate); a closed incident may be reopened.
public sealed class Incident : ITenantOwned
{
    private Incident()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Title { get; private set; } = "";

    public AlertSeverity Severity { get; private set; }

    public IncidentStatus Status { get; private set; } = IncidentStatus.Open;

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? BusinessImpact { get; private set; }

    // Loss avoided or suffered, in the tenant's currency, as agreed with the business owner.
    public decimal? EstimatedLoss { get; private set; }

    public int? DowntimeMinutes { get; private set; }

    public static Incident Open(Guid tenantId, string title, AlertSeverity severity, DateTimeOffset openedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return new Incident { TenantId = tenantId, Title = title, Severity = severity, OpenedAt = openedAt, Status = IncidentStatus.Open };
    }

    public void Retitle(string title, AlertSeverity severity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        (Title, Severity) = (title, severity);
    }

    public void Contain()
    {
        if (Status != IncidentStatus.Open)
        {
            throw new InvalidOperationException($"Incident {Id} is {Status}: only an open incident can be contained.");
        }
        Status = IncidentStatus.Contained;
    }

    public void Close(DateTimeOffset at)
    {
        if (Status == IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is already closed.");
        }
        if (at < OpenedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "An incident cannot close before it opened.");
        }
        (Status, ClosedAt) = (IncidentStatus.Closed, at);
    }

    // New evidence after closing: the incident is open again and its closing time no longer holds.
    public void Reopen()
    {
        if (Status != IncidentStatus.Closed)
        {
            throw new InvalidOperationException($"Incident {Id} is {Status}: only a closed incident can be reopened.");
        }
        (Status, ClosedAt) = (IncidentStatus.Open, null);
    }

    // What the incident cost or would have cost, as agreed with the business owner; the value report counts it.
    public void RecordImpact(string? businessImpact, decimal? estimatedLoss, int? downtimeMinutes)
    {
        if (estimatedLoss < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(estimatedLoss), estimatedLoss, "A loss is not negative.");
        }
        if (downtimeMinutes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(downtimeMinutes), downtimeMinutes, "Downtime is not negative.");
        }
        (BusinessImpact, EstimatedLoss, DowntimeMinutes) = (businessImpact, estimatedLoss, downtimeMinutes);
    }
}

public enum IncidentStatus
{
    Open,
    Contained,
    Closed,
}
