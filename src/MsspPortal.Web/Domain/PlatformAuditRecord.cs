namespace MsspPortal.Web.Domain;

// What was done to a tenant as a whole (its deletion), kept at platform level: not tenant-owned and no foreign key to
// Tenants, so the record outlives the tenant it names. Details is a JSON document (row counts per table before and after).
public sealed class PlatformAuditRecord
{
    public const int MaxActorLength = 256;

    private PlatformAuditRecord()
    {
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    // Who ran it: a portal user's e-mail, or "cli:<account>" at the terminal.
    public string Actor { get; private set; } = "";

    public string Action { get; private set; } = "";

    // The tenant's id, slug and name as they were: the tenant row itself is gone after a deletion. Not "TenantId": this
    // row belongs to the platform, not to the tenant (the guard test holds every TenantId column to ITenantOwned).
    public Guid SubjectTenantId { get; private set; }

    public string TenantSlug { get; private set; } = "";

    public string TenantName { get; private set; } = "";

    public string Details { get; private set; } = "{}";

    // Null while the action runs: a record without it is a deletion that stopped half-way (run it again).
    public DateTimeOffset? CompletedAt { get; private set; }

    public static PlatformAuditRecord Start(string action, string actor, Tenant tenant, string details, DateTimeOffset at) =>
        new()
        {
            Action = action,
            Actor = actor.Length > MaxActorLength ? actor[..MaxActorLength] : actor,
            SubjectTenantId = tenant.Id,
            TenantSlug = tenant.Slug,
            TenantName = tenant.Name,
            Details = details,
            At = at,
        };

    public void Complete(string details, DateTimeOffset at) => (Details, CompletedAt) = (details, at);
}
