namespace MsspPortal.Web.Domain;

// A stored event that contributed to an alert, so triage can open it; capped per alert.
public sealed class AlertEvent : ITenantOwned
{
    public const int MaxPerAlert = 100;

    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long AlertId { get; set; }

    public Alert? Alert { get; set; }

    public long EventId { get; set; }
}
