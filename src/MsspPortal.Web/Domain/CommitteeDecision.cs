namespace MsspPortal.Web.Domain;

// A decision of the committee: in a meeting, or during an emergency activation (then linked to its incident so it
// shows in the incident's timeline). Who decided is a member; a decision taken without a member with decision
// authority is kept but flagged, so the review can see it.
public sealed class CommitteeDecision : ITenantOwned
{
    public const int MaxTextLength = 2000;

    private CommitteeDecision()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public long? MeetingId { get; private set; }

    public long? ActivationId { get; private set; }

    public long? IncidentId { get; private set; }

    public string Text { get; private set; } = "";

    public long? DecidedByMemberId { get; private set; }

    // The decider's name at the time (members may leave; the record keeps who it was).
    public string DecidedBy { get; private set; } = "";

    // False when the decider had no decision authority: the decision stands but is flagged for review.
    public bool Authorised { get; private set; }

    public DateTimeOffset DecidedAt { get; private set; }

    // The account that wrote it down (the scribe).
    public string RecordedBy { get; private set; } = "";

    public static CommitteeDecision Record(Guid tenantId, long committeeId, string text, CommitteeMember? decider, DateTimeOffset at, string recordedBy,
        long? meetingId = null, long? activationId = null, long? incidentId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException($"A decision is at most {MaxTextLength} characters.", nameof(text));
        }
        if (decider is not null && decider.TenantId != tenantId)
        {
            throw new InvalidOperationException("The decider sits on another tenant's committee.");
        }
        return new CommitteeDecision
        {
            TenantId = tenantId, CommitteeId = committeeId, MeetingId = meetingId, ActivationId = activationId, IncidentId = incidentId,
            Text = text.Trim(), DecidedByMemberId = decider?.Id, DecidedBy = decider?.Name ?? "(no member named)",
            Authorised = decider is { HasDecisionAuthority: true, Active: true }, DecidedAt = at, RecordedBy = recordedBy,
        };
    }
}
