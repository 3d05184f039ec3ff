using MsspPortal.Core.Intel;

namespace MsspPortal.Web.Domain;

// One indicator of a tenant's own list; the list is replaced whole on import.
public sealed class ThreatIntelIndicator : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string ListName { get; set; } = "";

    public IndicatorType Type { get; set; }

    public string Value { get; set; } = "";

    public int Confidence { get; set; } = 50;

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
