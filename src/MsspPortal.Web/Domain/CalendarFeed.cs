namespace MsspPortal.Web.Domain;

// A person's read-only calendar subscription: the meetings of the committees they sit on, behind a secret token.
// Only the token's SHA-256 is stored; revoking it ends the feed. Belongs to a user, not a tenant.
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    public long Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastReadAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static CalendarFeed Issue(string userId, string tokenHash, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        return new CalendarFeed { UserId = userId, TokenHash = tokenHash, CreatedAt = at };
    }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    public void Read(DateTimeOffset at) => LastReadAt = at;
}
