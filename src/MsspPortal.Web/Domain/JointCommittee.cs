namespace MsspPortal.Web.Domain;

// The joint security committee: a charter, its members from both sides, its meetings and what they decided.
public sealed class JointCommittee : ITenantOwned
{
    private JointCommittee()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Charter { get; private set; }

    public static JointCommittee Form(Guid tenantId, string name, string? charter)
    {
        var committee = new JointCommittee { TenantId = tenantId };
        committee.Update(name, charter);
        return committee;
    }

    public void Update(string name, string? charter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        (Name, Charter) = (name, charter);
    }
}
