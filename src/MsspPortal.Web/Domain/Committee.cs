namespace MsspPortal.Web.Domain;

// The joint security committee: shape only here; its behaviour comes with the committee feature.

public sealed class JointCommittee : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = "";

    public string? Charter { get; set; }
}

public sealed class CommitteeMember : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long CommitteeId { get; set; }

    /// <summary>Set when the member has a portal account.</summary>
    public string? UserId { get; set; }

    public string Name { get; set; } = "";

    public CommitteeSide Side { get; set; }

    /// <summary>Their role on the committee (chair, CISO, business owner, SOC lead...).</summary>
    public string Role { get; set; } = "";
}

public enum CommitteeSide
{
    Mssp,
    Customer,
}

public sealed class Meeting : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long CommitteeId { get; set; }

    public MeetingKind Kind { get; set; }

    public DateTimeOffset ScheduledAt { get; set; }

    public DateTimeOffset? HeldAt { get; set; }

    /// <summary>The incident that triggered an emergency activation.</summary>
    public long? IncidentId { get; set; }

    public string? Minutes { get; set; }
}

public enum MeetingKind
{
    Weekly,
    Emergency,
    QuarterlyRetrospective,
}

public sealed class ActionItem : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long MeetingId { get; set; }

    public string Title { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly? DueOn { get; set; }

    public ActionItemStatus Status { get; set; }
}

public enum ActionItemStatus
{
    Open,
    Done,
    Dropped,
}
