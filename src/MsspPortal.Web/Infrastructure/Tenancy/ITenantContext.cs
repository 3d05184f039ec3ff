namespace MsspPortal.Web.Infrastructure.Tenancy;

/// <summary>
/// The tenants the current unit of work may see. Scoped: filled per request from the signed-in user (and the
/// tenant switcher), or set explicitly by a job with <see cref="Use"/>. With nothing set it sees nothing:
/// tenant isolation fails closed.
/// </summary>
public interface ITenantContext
{
    /// <summary>True for a platform admin with no single tenant selected, and for platform-wide jobs.</summary>
    bool SeesAllTenants { get; }

    /// <summary>The tenants in scope when <see cref="SeesAllTenants"/> is false.</summary>
    IReadOnlyList<Guid> TenantIds { get; }

    /// <summary>The one tenant in scope, if exactly one is (where new rows go by default).</summary>
    Guid? SingleTenantId { get; }

    bool CanAccess(Guid tenantId);

    /// <summary>Narrows the scope to one tenant: jobs call this before they touch tenant data.</summary>
    void Use(Guid tenantId);

    /// <summary>Sets the scope to the given tenants (or all, for platform admins).</summary>
    void SetScope(IReadOnlyList<Guid> tenantIds, bool seesAll);

    /// <summary>The tenants the principal may switch between: the scope before any tenant was selected.</summary>
    IReadOnlyList<TenantChoice> Selectable { get; }

    void SetSelectable(IReadOnlyList<TenantChoice> choices);
}

public sealed record TenantChoice(Guid Id, string Name, string Slug);

internal sealed class TenantContext : ITenantContext
{
    public bool SeesAllTenants { get; private set; }

    public IReadOnlyList<Guid> TenantIds { get; private set; } = [];

    public Guid? SingleTenantId => !SeesAllTenants && TenantIds.Count == 1 ? TenantIds[0] : null;

    public bool CanAccess(Guid tenantId) => SeesAllTenants || TenantIds.Contains(tenantId);

    public void Use(Guid tenantId) => SetScope([tenantId], seesAll: false);

    public void SetScope(IReadOnlyList<Guid> tenantIds, bool seesAll)
    {
        SeesAllTenants = seesAll;
        TenantIds = [.. tenantIds];
    }

    public IReadOnlyList<TenantChoice> Selectable { get; private set; } = [];

    public void SetSelectable(IReadOnlyList<TenantChoice> choices) => Selectable = choices;
}
