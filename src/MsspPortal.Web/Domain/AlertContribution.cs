namespace MsspPortal.Web.Domain;

/// <summary>An alert whose risk added up to an entity-risk alert.</summary>
public sealed class AlertContribution : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long AlertId { get; set; }

    public Alert? Alert { get; set; }

    public long ContributorId { get; set; }

    public Alert? Contributor { get; set; }
}
