namespace MsspPortal.Web.Domain;

// Who did what to which entity, when and from where. Append-only.
public sealed class AuditEntry : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string? UserId { get; set; }

    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string? IpAddress { get; set; }
}
