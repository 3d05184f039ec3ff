namespace MsspPortal.Web.Domain;

// How far detection has read a tenant's events: a retried chunk is skipped, so it raises nothing twice.
public sealed class DetectionCursor : ITenantOwned
{
    private DetectionCursor()
    {
    }

    public DetectionCursor(Guid tenantId, long lastEventId)
    {
        (TenantId, LastEventId) = (tenantId, Math.Max(lastEventId, 0));
    }

    public Guid TenantId { get; private set; }

    public long LastEventId { get; private set; }

    // Only forward: reading an older event again would raise its alerts twice.
    public bool MoveTo(long eventId)
    {
        if (eventId <= LastEventId)
        {
            return false;
        }
        LastEventId = eventId;
        return true;
    }
}
