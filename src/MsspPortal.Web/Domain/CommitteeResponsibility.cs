namespace MsspPortal.Web.Domain;

// One cell of the committee's responsibility matrix: who is Responsible, Accountable, Consulted or Informed for an
// area of the joint work. An area has exactly one Accountable member (enforced by the handler that edits the matrix).
public sealed class CommitteeResponsibility : ITenantOwned
{
    private CommitteeResponsibility()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public long MemberId { get; private set; }

    public ResponsibilityArea Area { get; private set; }

    public Raci Raci { get; private set; }

    public static CommitteeResponsibility Assign(CommitteeMember member, ResponsibilityArea area, Raci raci)
    {
        if (member.Id == 0)
        {
            throw new InvalidOperationException("Responsibilities are given to a saved member.");
        }
        if (!Enum.IsDefined(area) || !Enum.IsDefined(raci))
        {
            throw new ArgumentOutOfRangeException(nameof(raci), raci, "Unknown area or RACI letter.");
        }
        return new CommitteeResponsibility { TenantId = member.TenantId, CommitteeId = member.CommitteeId, MemberId = member.Id, Area = area, Raci = raci };
    }

    public void Change(Raci raci)
    {
        if (!Enum.IsDefined(raci))
        {
            throw new ArgumentOutOfRangeException(nameof(raci), raci, "Unknown RACI letter.");
        }
        Raci = raci;
    }
}

public enum ResponsibilityArea
{
    Detection,
    Response,
    BusinessDecisions,
    InternalCoordination,
}

public enum Raci
{
    Responsible,
    Accountable,
    Consulted,
    Informed,
}
