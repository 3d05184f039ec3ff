namespace MsspPortal.Web.Domain;

// A seat on a tenant's joint committee. The member's committee role (chair, secretary, member) decides who may
// close a meeting or sign off a retrospective; decision authority and incident leadership decide the emergency
// quorum; an alternate stands in when the member does not answer a page.
public sealed class CommitteeMember : ITenantOwned
{
    private CommitteeMember()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    // Set when the member has a portal account: their pages, sign-offs and chair actions go through it.
    public string? UserId { get; private set; }

    public string Name { get; private set; } = "";

    public CommitteeSide Side { get; private set; }

    // Their job (head of e-commerce operations, CTO, threat-intelligence analyst...): free text.
    public string Title { get; private set; } = "";

    public CommitteeRole Role { get; private set; }

    // May take decisions that bind their side (budget, blocking, customer communication).
    public bool HasDecisionAuthority { get; private set; }

    // May lead the response to an incident in an emergency session.
    public bool CanLeadIncidents { get; private set; }

    // The member this one stands in for when paged at +10 minutes.
    public long? AlternateForId { get; private set; }

    // Where pages go by e-mail when SMTP is configured (the account's address when null).
    public string? Email { get; private set; }

    public bool Active { get; private set; } = true;

    // Chairs and secretaries keep the record: they close meetings and sign off retrospectives.
    public bool KeepsRecord => Role is CommitteeRole.Chair or CommitteeRole.Secretary;

    // A seat on a saved committee, of the committee's tenant.
    public static CommitteeMember Appoint(JointCommittee committee, string name, CommitteeSide side, string title, string? userId = null)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("Members are appointed to a saved committee.");
        }
        return Appoint(committee.TenantId, committee.Id, name, side, title, userId);
    }

    // Appoints by the committee's id when only that is at hand (the committee is the tenant's, by the query
    // filter).
    public static CommitteeMember Appoint(Guid tenantId, long committeeId, string name, CommitteeSide side, string title, string? userId = null)
    {
        var member = new CommitteeMember { TenantId = tenantId, CommitteeId = committeeId, UserId = userId };
        member.Change(name, side, title, CommitteeRole.Member, false, false, null, null);
        return member;
    }

    public void Change(string name, CommitteeSide side, string title, CommitteeRole role, bool decisionAuthority, bool leadsIncidents,
        long? alternateForId, string? email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (!Enum.IsDefined(side) || !Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown side or committee role.");
        }
        if (alternateForId is not null && alternateForId == Id && Id != 0)
        {
            throw new ArgumentException("A member cannot be their own alternate.", nameof(alternateForId));
        }
        (Name, Side, Title, Role) = (name.Trim(), side, title.Trim(), role);
        (HasDecisionAuthority, CanLeadIncidents, AlternateForId) = (decisionAuthority, leadsIncidents, alternateForId);
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
    }

    public void LinkAccount(string? userId) => UserId = userId;

    // A member who leaves keeps their name on past records but is no longer paged or counted.
    public void Retire() => Active = false;

    public void Reinstate() => Active = true;
}

public enum CommitteeSide
{
    Mssp,
    Customer,
}

public enum CommitteeRole
{
    Member,
    Chair,
    Secretary,
}
