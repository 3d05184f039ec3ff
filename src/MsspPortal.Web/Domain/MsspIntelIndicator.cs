using MsspPortal.Core.Intel;

namespace MsspPortal.Web.Domain;

// An indicator of an MSSP-wide list: applies to every tenant, managed by platform admins only.
public sealed class MsspIntelIndicator
{
    public long Id { get; set; }

    public string ListName { get; set; } = "";

    public IndicatorType Type { get; set; }

    public string Value { get; set; } = "";

    public int Confidence { get; set; } = 50;

    public DateTimeOffset? ValidFrom { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
