namespace MsspPortal.Web.Domain;

// A tenant's choice about one built-in rule (built-ins are code, shared by every tenant): enabled or not, and an
// optional threshold and window that replace the rule's own for this tenant only.
public sealed class TenantRuleSetting : ITenantOwned
{
    private TenantRuleSetting()
    {
    }

    public TenantRuleSetting(Guid tenantId, string ruleId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        (TenantId, RuleId) = (tenantId, ruleId);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string RuleId { get; private set; } = "";

    public bool Enabled { get; private set; } = true;

    public int? ThresholdOverride { get; private set; }

    // Seconds; whole seconds because every built-in window is, and both providers store an int the same way.
    public int? WindowSecondsOverride { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Toggle(bool enabled, DateTimeOffset at) => (Enabled, UpdatedAt) = (enabled, at);

    // Null keeps the rule's own value; an override is at least one event and one second.
    public void Tune(int? thresholdOverride, int? windowSecondsOverride, DateTimeOffset at)
    {
        if (thresholdOverride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdOverride), thresholdOverride, "A threshold is at least one event.");
        }
        if (windowSecondsOverride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSecondsOverride), windowSecondsOverride, "A window is at least one second.");
        }
        (ThresholdOverride, WindowSecondsOverride, UpdatedAt) = (thresholdOverride, windowSecondsOverride, at);
    }
}
