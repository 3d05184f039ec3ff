namespace MsspPortal.Web.Domain;

public sealed class CommitteeMember : ITenantOwned
{
    private CommitteeMember()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    // Set when the member has a portal account.
    public string? UserId { get; private set; }

    public string Name { get; private set; } = "";

    public CommitteeSide Side { get; private set; }

    // Their role on the committee (chair, CISO, business owner, SOC lead...).
    public string Role { get; private set; } = "";

    // A seat on a saved committee, of the committee's tenant.
    public static CommitteeMember Appoint(JointCommittee committee, string name, CommitteeSide side, string role, string? userId = null)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Members are appointed to a saved committee.");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new CommitteeMember { TenantId = committee.TenantId, CommitteeId = committee.Id, Name = name, Side = side, Role = role, UserId = userId };
    }

    // Appoints by the committee's id when only that is at hand (the committee is the tenant's, by the query
    // filter).
    public static CommitteeMember Appoint(Guid tenantId, long committeeId, string name, CommitteeSide side, string role, string? userId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return new CommitteeMember { TenantId = tenantId, CommitteeId = committeeId, Name = name, Side = side, Role = role, UserId = userId };
    }
}

public enum CommitteeSide
{
    Mssp,
    Customer,
}
