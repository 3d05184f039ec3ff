namespace MsspPortal.Web.Infrastructure.Tenancy;

// Detection pages work on one tenant: the one asked for (if in scope), else the one selected.
internal static class TenantPick
{
    public static Guid? Resolve(ITenantContext tenant, Guid? requested) =>
        requested is { } id ? (id != Guid.Empty && tenant.CanAccess(id) ? id : null) : tenant.SingleTenantId;
}
