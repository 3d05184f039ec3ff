namespace MsspPortal.Web.Domain;

// Which worker runs a tenant's detection now, and the tenant's open windows as last saved. Windows (thresholds,
// sequences, distinct counts) live in one process's memory, so a tenant has one owner at a time, held by a lease
// like a batch's; the owner saves the windows at a bounded interval and whenever it lets go, and the next owner
// (another worker, or this one after a restart) starts from them. docs/scaling.md. Taking, renewing and saving are
// conditional UPDATEs in DetectionOwner (two workers race for one row); the entity itself is only ever created, by
// the first worker to own the tenant.
public sealed class DetectionOwnership : ITenantOwned
{
    private DetectionOwnership()
    {
    }

    // The first owner of a tenant: the row is created holding its lease.
    public static DetectionOwnership Take(Guid tenantId, string owner, DateTimeOffset leaseUntil)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new DetectionOwnership { TenantId = tenantId, Owner = owner, LeaseUntil = leaseUntil };
    }

    public Guid TenantId { get; private set; }

    // The owning process (host, process id, a random part); null when nobody holds the tenant.
    public string? Owner { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    // Counts saves: a worker whose memory holds the version stored here (it wrote it) carries on without restoring;
    // any other restores State.
    public long StateVersion { get; private set; }

    // The tenant's EngineSnapshot as JSON; null before the first save.
    public string? State { get; private set; }

    public DateTimeOffset? StateSavedAt { get; private set; }
}
