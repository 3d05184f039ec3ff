using System.Security.Cryptography;
using System.Text;

namespace MsspPortal.Web.Domain;

// A quarter's retrospective: a pack assembled from the records (JSON: incidents and business impact, value figures
// and trend, SLA attainment, ATT&CK coverage change, action-item completion, goals against targets, disputed report
// figures), annotated by the committee with lessons and strategy changes, then signed off by one member of each side
// (never the same person). Each signature binds the content hash; any later edit changes the hash and voids them.
public sealed class Retrospective : ITenantOwned
{
    public const int MaxNotesLength = 8000;

    private readonly List<RetrospectiveSignature> _signatures = [];

    private Retrospective()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long CommitteeId { get; private set; }

    public int Year { get; private set; }

    public int Quarter { get; private set; }

    public long? MeetingId { get; private set; }

    public string Pack { get; private set; } = "";

    public DateTimeOffset AssembledAt { get; private set; }

    public string? Lessons { get; private set; }

    public string? StrategyChanges { get; private set; }

    // SHA-256 (hex) of the pack and the annotations.
    public string ContentHash { get; private set; } = "";

    public IReadOnlyList<RetrospectiveSignature> Signatures => _signatures;

    // Signed off when a valid signature of each side binds the current content.
    public bool IsSignedOff =>
        ValidSignatures.Any(s => s.Side == CommitteeSide.Mssp) && ValidSignatures.Any(s => s.Side == CommitteeSide.Customer);

    public IEnumerable<RetrospectiveSignature> ValidSignatures => _signatures.Where(s => s.ContentHash == ContentHash);

    public static Retrospective Assemble(JointCommittee committee, int year, int quarter, string pack, DateTimeOffset at)
    {
        if (committee.Id == 0)
        {
            throw new InvalidOperationException("A saved committee holds retrospectives.");
        }
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.");
        }
        var retro = new Retrospective { TenantId = committee.TenantId, CommitteeId = committee.Id, Year = year, Quarter = quarter };
        retro.Reassemble(pack, at);
        return retro;
    }

    public void AttachMeeting(long meetingId) => MeetingId = meetingId;

    // A new pack (the records changed) voids existing signatures through the hash; refused once signed off.
    public void Reassemble(string pack, DateTimeOffset at)
    {
        RequireNotSignedOff();
        ArgumentException.ThrowIfNullOrWhiteSpace(pack);
        (Pack, AssembledAt) = (pack, at);
        Rehash();
    }

    public void Annotate(string? lessons, string? strategyChanges)
    {
        RequireNotSignedOff();
        (Lessons, StrategyChanges) = (Limit(lessons, nameof(lessons)), Limit(strategyChanges, nameof(strategyChanges)));
        Rehash();
    }

    // The handler checks that the signer is a chair or decision-maker of their side with a linked account.
    public RetrospectiveSignature Sign(CommitteeMember member, string userId, DateTimeOffset at)
    {
        RequireNotSignedOff();
        if (member.TenantId != TenantId || member.CommitteeId != CommitteeId)
        {
            throw new InvalidOperationException("Only members of this committee sign its retrospective.");
        }
        if (ValidSignatures.Any(s => s.Side == member.Side))
        {
            throw new InvalidOperationException($"The {member.Side} side has already signed this version.");
        }
        if (ValidSignatures.Any(s => s.MemberId == member.Id || s.UserId == userId))
        {
            throw new InvalidOperationException("One person signs once: the other side's signature must come from someone else.");
        }
        var signature = RetrospectiveSignature.For(this, member, userId, at);
        _signatures.Add(signature);
        return signature;
    }

    public static string Hash(string pack, string? lessons, string? strategyChanges) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pack}\u001e{lessons}\u001e{strategyChanges}")));

    private void Rehash() => ContentHash = Hash(Pack, Lessons, StrategyChanges);

    private void RequireNotSignedOff()
    {
        if (IsSignedOff)
        {
            throw new InvalidOperationException($"The Q{Quarter} {Year} retrospective is signed off: it can no longer change.");
        }
    }

    private static string? Limit(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        return trimmed.Length <= MaxNotesLength ? trimmed : throw new ArgumentException($"At most {MaxNotesLength} characters.", name);
    }
}

public sealed class RetrospectiveSignature : ITenantOwned
{
    private RetrospectiveSignature()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long RetrospectiveId { get; private set; }

    public long MemberId { get; private set; }

    public string UserId { get; private set; } = "";

    public string Name { get; private set; } = "";

    public CommitteeSide Side { get; private set; }

    public DateTimeOffset SignedAt { get; private set; }

    // The content hash signed: a signature holds only while it equals the retrospective's current hash.
    public string ContentHash { get; private set; } = "";

    internal static RetrospectiveSignature For(Retrospective retro, CommitteeMember member, string userId, DateTimeOffset at) => new()
    {
        TenantId = retro.TenantId, RetrospectiveId = retro.Id, MemberId = member.Id, UserId = userId, Name = member.Name, Side = member.Side,
        SignedAt = at, ContentHash = retro.ContentHash,
    };
}
