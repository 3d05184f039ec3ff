namespace MsspPortal.Web.Domain;

// "Do not raise this rule's alerts for this entity until then": set by an analyst with a reason. Detections it
// catches raise no alert but are counted here, so suppressed noise stays visible in the numbers.
public sealed class AlertSuppression : ITenantOwned
{
    public const int MaxReasonLength = 1000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(90);

    private AlertSuppression()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string RuleId { get; private set; } = "";

    public SuppressionField Field { get; private set; }

    public string Value { get; private set; } = "";

    public DateTimeOffset Until { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public int SuppressedCount { get; private set; }

    public DateTimeOffset? LastSuppressedAt { get; private set; }

    // Suppresses the alert's rule for the alert's own value of the field; null when the alert has no such value.
    public static AlertSuppression? Like(Alert alert, SuppressionField field, DateTimeOffset until, string userId, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (until <= at || until - at > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"A suppression lasts between a moment and {MaxDuration.TotalDays} days.");
        }
        var value = field switch
        {
            SuppressionField.SourceIp => alert.SourceIp,
            SuppressionField.UserName => alert.UserName,
            SuppressionField.HostName => alert.HostName,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field."),
        };
        return string.IsNullOrEmpty(value)
            ? null
            : new AlertSuppression
            {
                TenantId = alert.TenantId, RuleId = alert.RuleId, Field = field, Value = value, Until = until,
                CreatedBy = userId, Reason = reason.Trim(), CreatedAt = at,
            };
    }

    public bool IsActive(DateTimeOffset at) => at < Until;

    // A detection it caught: no alert raised, one more counted.
    public void Caught(int detections, DateTimeOffset at)
    {
        SuppressedCount += Math.Max(1, detections);
        LastSuppressedAt = at;
    }
}

public enum SuppressionField
{
    SourceIp,
    UserName,
    HostName,
}
