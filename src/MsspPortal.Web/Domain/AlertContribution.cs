namespace MsspPortal.Web.Domain;

// An alert whose risk added up to an entity-risk alert.
public sealed class AlertContribution : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long AlertId { get; set; }

    public Alert? Alert { get; set; }

    public long ContributorId { get; set; }

    public Alert? Contributor { get; set; }
}
